package dev.dmssilver.lakehouse;

/** The snapshots one job committed. */
public final class Publication {
  private final long silverSnapshotId;
  private final long quarantineSnapshotId;

  public Publication(long silverSnapshotId, long quarantineSnapshotId) {
    this.silverSnapshotId = silverSnapshotId;
    this.quarantineSnapshotId = quarantineSnapshotId;
  }

  public long silverSnapshotId() {
    return silverSnapshotId;
  }

  public long quarantineSnapshotId() {
    return quarantineSnapshotId;
  }
}
