package dev.dmssilver.maintenance;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps one table lean with Iceberg's own Spark actions, in this order: compaction (bin-packing
 * small data files towards the target size, only where two or more files can be merged), manifest
 * rewrite (only when the current snapshot has several manifests of live files), snapshot expiry
 * (keeping the newest N of main, everything younger than the policy's age, and every snapshot a tag
 * or branch points at), and removal of orphan files old enough not to belong to a run still
 * writing.
 *
 * <p>No step changes a row; the row count of the current snapshot is checked before and after.
 */
public final class TableMaintenance {
  /** Snapshot summary key on the snapshots manifest rewrites commit. */
  public static final String MAINTENANCE_RUN = "silver.maintenance-run";

  /** Bin-pack merges a group of at least this many files. */
  private static final String MIN_INPUT_FILES = "2";

  private final SparkSession spark;
  private final Clock clock;
  private final String runId;

  public TableMaintenance(SparkSession spark, Clock clock, String runId) {
    this.spark = requireNonNull(spark, "spark is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.runId = requireNonNull(runId, "runId is null");
  }

  /**
   * Data manifests that still list live files. An overwrite leaves one manifest of the files it
   * deleted; that one goes with expiry and is not worth a rewrite of its own.
   */
  private static int liveDataManifests(Table table, Snapshot snapshot) {
    int live = 0;
    for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
      if (manifest.hasAddedFiles() || manifest.hasExistingFiles()) {
        live++;
      }
    }
    return live;
  }

  /** Maintains {@code table}; throws if a step fails (what earlier steps committed stays). */
  public MaintenanceReport maintain(String name, Table table, MaintenancePolicy policy) {
    return maintain(name, table, policy, Optional.empty());
  }

  /**
   * As above; expiry also keeps every snapshot committed at or after {@code keepFrom} (one that a
   * reader still reads by id, as the incremental state's pointers are).
   */
  public MaintenanceReport maintain(
      String name, Table table, MaintenancePolicy policy, Optional<Instant> keepFrom) {
    Instant started = clock.instant();
    TableFigures before = TableFigures.of(table);
    long rowsBefore = liveRows(table);
    SparkActions actions = SparkActions.get(spark);
    RewriteDataFiles.Result compaction = compact(actions, table, policy);
    dropDanglingDeletes(actions, table);
    int manifestsRewritten = rewriteManifests(actions, table);
    Instant now = clock.instant();
    Instant cutoff = now.minus(policy.expireOlderThan());
    if (keepFrom.isPresent() && keepFrom.get().isBefore(cutoff)) {
      cutoff = keepFrom.get();
    }
    table.refresh();
    ExpireSnapshots.Result expiry =
        actions
            .expireSnapshots(table)
            .expireOlderThan(cutoff.toEpochMilli())
            .retainLast(policy.retainLast())
            .execute();
    int orphanFilesRemoved = removeOrphans(actions, table, now.minus(policy.orphanOlderThan()));

    TableFigures after = TableFigures.of(table);
    long rowsAfter = liveRows(table);
    if (rowsAfter != rowsBefore) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Maintenance of %s changed the row count from %,d to %,d; compare the snapshots"
                  + " with bin/silver diff",
              name, rowsBefore, rowsAfter));
    }
    return new MaintenanceReport(
        name,
        Duration.between(started, clock.instant()),
        before,
        after,
        compaction.rewrittenDataFilesCount(),
        compaction.addedDataFilesCount(),
        manifestsRewritten,
        expiry.deletedDataFilesCount()
            + expiry.deletedManifestsCount()
            + expiry.deletedManifestListsCount(),
        orphanFilesRemoved);
  }

  /**
   * Rows a reader of the current snapshot sees. Without delete files that is the snapshot's
   * total-records; a table that merges on read (the incremental state) is counted.
   */
  private long liveRows(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return 0;
    }
    if ("0".equals(current.summary().getOrDefault(SnapshotSummary.TOTAL_DELETE_FILES_PROP, "0"))) {
      return TableFigures.of(table).rows();
    }
    return spark
        .read()
        .format("iceberg")
        .option("snapshot-id", Long.toString(current.snapshotId()))
        .load(table.name())
        .count();
  }

  /** Delete files whose rows compaction already removed: they would be read for nothing. */
  private static void dropDanglingDeletes(SparkActions actions, Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current != null
        && !"0"
            .equals(current.summary().getOrDefault(SnapshotSummary.TOTAL_DELETE_FILES_PROP, "0"))) {
      actions.rewritePositionDeletes(table).option("rewrite-all", "true").execute();
    }
  }

  private static RewriteDataFiles.Result compact(
      SparkActions actions, Table table, MaintenancePolicy policy) {
    RewriteDataFiles rewrite = actions.rewriteDataFiles(table);
    if (table.sortOrder().isSorted()) {
      // A sorted table (the incremental state) stays sorted, so its files keep narrow key ranges.
      rewrite = rewrite.sort();
    }
    return rewrite
        // A data file with any delete file is rewritten, the deletes applied.
        .option("delete-file-threshold", "1")
        .option(
            RewriteDataFiles.TARGET_FILE_SIZE_BYTES, String.valueOf(policy.targetFileSizeBytes()))
        .option("min-input-files", MIN_INPUT_FILES)
        // No snapshotProperty here: Iceberg's Spark 3.3 action drops it (apache/iceberg#9449
        // fixed Spark 3.5 only). A compaction snapshot is operation 'replace' with no run id.
        .execute();
  }

  /** Merges the data manifests when there is more than one; returns how many it rewrote. */
  private int rewriteManifests(SparkActions actions, Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    int rewritten = 0;
    if (current != null && liveDataManifests(table, current) > 1) {
      RewriteManifests.Result manifests =
          actions.rewriteManifests(table).snapshotProperty(MAINTENANCE_RUN, runId).execute();
      for (ManifestFile ignored : manifests.rewrittenManifests()) {
        rewritten++;
      }
    }
    return rewritten;
  }

  /** Deletes files no snapshot references that are older than {@code olderThan}. */
  private static int removeOrphans(SparkActions actions, Table table, Instant olderThan) {
    table.refresh();
    DeleteOrphanFiles.Result orphans =
        actions.deleteOrphanFiles(table).olderThan(olderThan.toEpochMilli()).execute();
    int removed = 0;
    for (String ignored : orphans.orphanFileLocations()) {
      removed++;
    }
    return removed;
  }
}
