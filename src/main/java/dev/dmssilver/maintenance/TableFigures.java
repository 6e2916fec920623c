package dev.dmssilver.maintenance;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/** A table's size at one moment, from its metadata alone: no data is read. */
public final class TableFigures {
  private final long rows;
  private final long dataFiles;
  private final long dataBytes;
  private final int snapshots;

  private TableFigures(long rows, long dataFiles, long dataBytes, int snapshots) {
    this.rows = rows;
    this.dataFiles = dataFiles;
    this.dataBytes = dataBytes;
    this.snapshots = snapshots;
  }

  public static TableFigures of(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    int snapshots = 0;
    for (Snapshot ignored : table.snapshots()) {
      snapshots++;
    }
    if (current == null) {
      return new TableFigures(0, 0, 0, snapshots);
    }
    return new TableFigures(
        figure(current, SnapshotSummary.TOTAL_RECORDS_PROP),
        figure(current, SnapshotSummary.TOTAL_DATA_FILES_PROP),
        figure(current, SnapshotSummary.TOTAL_FILE_SIZE_PROP),
        snapshots);
  }

  private static long figure(Snapshot snapshot, String property) {
    return Long.parseLong(snapshot.summary().getOrDefault(property, "0"));
  }

  /** Rows in the current snapshot. */
  public long rows() {
    return rows;
  }

  /** Data files in the current snapshot. */
  public long dataFiles() {
    return dataFiles;
  }

  /** Bytes of data files in the current snapshot. */
  public long dataBytes() {
    return dataBytes;
  }

  /** Snapshots the table's metadata holds, on every branch and tag. */
  public int snapshots() {
    return snapshots;
  }
}
