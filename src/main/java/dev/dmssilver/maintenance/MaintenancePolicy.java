package dev.dmssilver.maintenance;

import dev.dmssilver.SilverException;
import java.time.Duration;

/**
 * How one table is kept: which snapshots survive expiry, the size compaction aims for, and how old
 * an unreferenced file must be before it counts as an orphan.
 */
public final class MaintenancePolicy {
  /** Files younger than this may belong to a run still writing: never treat them as orphans. */
  public static final Duration ORPHAN_AGE_MINIMUM = Duration.ofHours(1);

  static final long MEGABYTE = 1024L * 1024;

  private final int retainLast;
  private final Duration expireOlderThan;
  private final long targetFileSizeBytes;
  private final Duration orphanOlderThan;

  public MaintenancePolicy(
      int retainLast,
      Duration expireOlderThan,
      long targetFileSizeBytes,
      Duration orphanOlderThan) {
    if (retainLast < 1) {
      throw invalid("retain_last " + retainLast + ": at least the current snapshot is kept (>= 1)");
    }
    if (targetFileSizeBytes < 1024 * 1024) {
      throw invalid("target file size " + targetFileSizeBytes + " bytes: must be at least 1 MB");
    }
    if (orphanOlderThan.compareTo(ORPHAN_AGE_MINIMUM) < 0) {
      throw invalid(
          "orphan_older_than "
              + Durations.format(orphanOlderThan)
              + ": younger files may belong to a run still writing; the minimum is 1h");
    }
    this.retainLast = retainLast;
    this.expireOlderThan = expireOlderThan;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.orphanOlderThan = orphanOlderThan;
  }

  private static SilverException invalid(String what) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION, "Cannot use maintenance policy " + what);
  }

  /** Keep at least this many of the newest snapshots of {@code main}. */
  public int retainLast() {
    return retainLast;
  }

  /** Keep every snapshot younger than this. */
  public Duration expireOlderThan() {
    return expireOlderThan;
  }

  public long targetFileSizeBytes() {
    return targetFileSizeBytes;
  }

  public Duration orphanOlderThan() {
    return orphanOlderThan;
  }

  public MaintenancePolicy withRetainLast(int retainLast) {
    return new MaintenancePolicy(retainLast, expireOlderThan, targetFileSizeBytes, orphanOlderThan);
  }

  public MaintenancePolicy withExpireOlderThan(Duration expireOlderThan) {
    return new MaintenancePolicy(retainLast, expireOlderThan, targetFileSizeBytes, orphanOlderThan);
  }

  public MaintenancePolicy withTargetFileSizeBytes(long targetFileSizeBytes) {
    return new MaintenancePolicy(retainLast, expireOlderThan, targetFileSizeBytes, orphanOlderThan);
  }

  public MaintenancePolicy withOrphanOlderThan(Duration orphanOlderThan) {
    return new MaintenancePolicy(retainLast, expireOlderThan, targetFileSizeBytes, orphanOlderThan);
  }

  @Override
  public String toString() {
    return String.format(
        "retain_last %d, expire_older_than %s, target_file_size_mb %d, orphan_older_than %s",
        retainLast,
        Durations.format(expireOlderThan),
        targetFileSizeBytes / (1024 * 1024),
        Durations.format(orphanOlderThan));
  }
}
