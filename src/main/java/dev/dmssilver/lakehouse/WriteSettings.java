package dev.dmssilver.lakehouse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the jobs' Iceberg writes lay out files, as Iceberg's Spark write options. Unset, each table's
 * own properties decide: {@code write.distribution-mode} (hash for a partitioned table: one writer
 * per partition, so one file per month and size) and {@code write.target-file-size-bytes} (512
 * MiB).
 */
public final class WriteSettings {
  /** Iceberg's write distribution modes. */
  public enum Distribution {
    /** No shuffle before the write: each task writes every partition it holds. */
    NONE,
    /** Rows of one partition go to one task: fewest files, one extra shuffle of the output. */
    HASH,
    /** Rows are range-partitioned by partition and sort order: even tasks for skewed months. */
    RANGE
  }

  /** How an incremental run writes its Silver changes (docs/incremental.md#figures). */
  public enum IncrementalWrite {
    /** One MERGE by key, narrowed to the files near the changed keys: the default, measured. */
    MERGE,
    /**
     * An overwrite of every month the changes touch, for a table partitioned by {@code months(…)}
     * alone (others MERGE): the alternative the benchmark measures beside the MERGE.
     */
    OVERWRITE_MONTHS
  }

  private final Distribution distribution;
  private final Long targetFileSizeBytes;
  private final IncrementalWrite incrementalWrite;

  public WriteSettings(Distribution distribution, Long targetFileSizeBytes) {
    this(distribution, targetFileSizeBytes, IncrementalWrite.MERGE);
  }

  private WriteSettings(
      Distribution distribution, Long targetFileSizeBytes, IncrementalWrite incrementalWrite) {
    if (targetFileSizeBytes != null && targetFileSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "A target file size must be positive, not " + targetFileSizeBytes);
    }
    this.distribution = distribution;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.incrementalWrite = java.util.Objects.requireNonNull(incrementalWrite, "incrementalWrite");
  }

  public WriteSettings withIncrementalWrite(IncrementalWrite newIncrementalWrite) {
    return new WriteSettings(distribution, targetFileSizeBytes, newIncrementalWrite);
  }

  public IncrementalWrite incrementalWrite() {
    return incrementalWrite;
  }

  public static WriteSettings tableDefaults() {
    return new WriteSettings(null, null);
  }

  /** The Spark write options that apply these settings; empty for the table defaults. */
  public Map<String, String> writeOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    if (distribution != null) {
      options.put("distribution-mode", distribution.name().toLowerCase(Locale.ROOT));
    }
    if (targetFileSizeBytes != null) {
      options.put("target-file-size-bytes", Long.toString(targetFileSizeBytes));
    }
    return Collections.unmodifiableMap(options);
  }

  /** These settings' write options, then the run record every commit of the run carries. */
  public Map<String, String> writeOptions(RunRecord record) {
    Map<String, String> options = new LinkedHashMap<>(writeOptions());
    options.putAll(record.writeOptions());
    return options;
  }
}
