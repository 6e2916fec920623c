package dev.dmssilver.bronze;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every file of one Bronze table, found by listing and footer reads alone. File and event counts
 * come from here, so no count ever needs a pass over the data.
 */
public final class BronzeInventory {
  private final String bronzeTable;
  private final String folder;
  private final List<BronzeFile> files;

  public BronzeInventory(String bronzeTable, String folder, List<BronzeFile> files) {
    this.bronzeTable = requireNonNull(bronzeTable, "bronzeTable is null");
    this.folder = requireNonNull(folder, "folder is null");
    this.files = Collections.unmodifiableList(new ArrayList<>(files));
  }

  public String bronzeTable() {
    return bronzeTable;
  }

  public String folder() {
    return folder;
  }

  public List<BronzeFile> files() {
    return files;
  }

  public int fileCount() {
    return files.size();
  }

  /** Rows across every file, from Parquet footers. Each row is one DMS event. */
  public long eventCount() {
    long events = 0;
    for (BronzeFile file : files) {
      events += file.rowCount();
    }
    return events;
  }

  public long sizeInBytes() {
    long bytes = 0;
    for (BronzeFile file : files) {
      bytes += file.sizeInBytes();
    }
    return bytes;
  }
}
