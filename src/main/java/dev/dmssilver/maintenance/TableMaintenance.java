package dev.dmssilver.maintenance;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
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
    Instant started = clock.instant();
    TableFigures before = TableFigures.of(table);
    SparkActions actions = SparkActions.get(spark);
    RewriteDataFiles.Result compaction = compact(actions, table, policy);
    int manifestsRewritten = rewriteManifests(actions, table);
    Instant now = clock.instant();
    table.refresh();
    ExpireSnapshots.Result expiry =
        actions
            .expireSnapshots(table)
            .expireOlderThan(now.minus(policy.expireOlderThan()).toEpochMilli())
            .retainLast(policy.retainLast())
            .execute();
    int orphanFilesRemoved = removeOrphans(actions, table, now.minus(policy.orphanOlderThan()));

    TableFigures after = TableFigures.of(table);
    if (after.rows() != before.rows()) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Maintenance of %s changed the row count from %,d to %,d; compare the snapshots"
                  + " with bin/silver diff",
              name, before.rows(), after.rows()));
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

  private static RewriteDataFiles.Result compact(
      SparkActions actions, Table table, MaintenancePolicy policy) {
    return actions
        .rewriteDataFiles(table)
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
