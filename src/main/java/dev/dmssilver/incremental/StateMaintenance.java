package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SilverTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What maintenance needs to know of the incremental state tables:
 *
 * <ul>
 *   <li>which state tables a job has;
 *   <li>the oldest snapshot of each that expiry must keep: the one the job's state points at (the
 *       newest state commit for the job's own table);
 *   <li>how to drop tombstones (deleted keys) older than the declared horizon, as a new commit of
 *       the state.
 * </ul>
 */
public final class StateMaintenance {
  private final SparkSession spark;
  private final CatalogSettings catalog;
  private final SilverTables tables;
  private final StateStore store;

  public StateMaintenance(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.tables = new SilverTables(spark, catalog);
    this.store = new StateStore(spark, catalog);
  }

  /** The state tables of {@code job} that exist, the job's own table last; none without state. */
  public List<String> tablesOf(String job) {
    List<String> found = new ArrayList<>();
    Optional<JobState> state = store.load(job);
    if (state.isPresent()) {
      for (String source : state.get().sourceSnapshots().keySet()) {
        found.add(StateStore.sourceTable(job, source));
      }
      found.add(StateStore.filesTable(job));
      found.add(StateStore.ownTable(job));
    }
    return found;
  }

  /**
   * For one of {@code job}'s state tables, when the snapshot its state reads was committed: expiry
   * must keep it and everything newer. Empty when the job has no state.
   */
  public Optional<Instant> keepFrom(String job, String table) {
    Optional<JobState> state = store.load(job);
    if (!state.isPresent()) {
      return Optional.empty();
    }
    Table loaded = tables.require(table, "maintain");
    long kept;
    if (table.equals(StateStore.ownTable(job))) {
      kept = stateCommit(job, loaded).snapshotId();
    } else if (table.equals(StateStore.filesTable(job))) {
      kept = state.get().filesSnapshot();
    } else {
      String source = table.substring(StateStore.sourceTable(job, "").length());
      kept = state.get().sourceSnapshot(source).orElse(loaded.currentSnapshot().snapshotId());
    }
    Snapshot snapshot = loaded.snapshot(kept);
    return Optional.of(Instant.ofEpochMilli(snapshot == null ? 0 : snapshot.timestampMillis()));
  }

  /**
   * Drops from the job's own state the keys deleted (tombstones) by events committed before {@code
   * before}. The commit carries the state's summary, so it is the job's new state; a run that read
   * the state before it stops with "another run committed" and its rerun reads this one. An event
   * older than a dropped tombstone that arrives later brings its key back: the horizon is how late
   * Bronze files may be.
   *
   * @return the tombstones dropped
   */
  public long dropTombstones(
      String job, Instant before, String runId, Map<String, String> runProperties) {
    Optional<JobState> state = store.load(job);
    if (!state.isPresent()) {
      return 0;
    }
    String condition =
        String.format(
            "`%s` = '%s' AND `%s` < %s",
            StateColumns.OUTCOME,
            StateColumns.DELETED,
            EventColumns.COMMIT_TIMESTAMP,
            functions.lit(Timestamp.from(before)).expr().sql());
    Table own = tables.require(StateStore.ownTable(job), "maintain");
    long base = own.currentSnapshot().snapshotId();
    long dropped =
        spark
            .read()
            .format("iceberg")
            .option("snapshot-id", Long.toString(base))
            .load(catalog.qualified(StateStore.ownTable(job)))
            .where(condition)
            .count();
    if (dropped == 0) {
      return 0;
    }
    Map<String, String> properties = new LinkedHashMap<>(stateSummary(job, own));
    properties.putAll(runProperties);
    OwnStateCommit.commit(
        own,
        catalog.qualified(StateStore.ownTable(job)),
        job,
        base,
        runId,
        "Run maintenance again to drop the tombstones",
        (table, onBranch) ->
            CommitMetadata.withCommitProperties(
                properties,
                () -> spark.sql("DELETE FROM " + onBranch + " WHERE " + condition).count(),
                RuntimeException.class));
    return dropped;
  }

  private static Map<String, String> stateSummary(String job, Table own) {
    Map<String, String> summary = new LinkedHashMap<>();
    stateCommit(job, own)
        .summary()
        .forEach(
            (key, value) -> {
              if (key.startsWith(JobState.PREFIX)) {
                summary.put(key, value);
              }
            });
    return summary;
  }

  private static Snapshot stateCommit(String job, Table own) {
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(own)) {
      if (JobState.isStateSummary(snapshot.summary())) {
        return snapshot;
      }
    }
    throw StateStore.damaged(job, "no snapshot of its own table records a state");
  }
}
