package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write, audit, publish. A run first commits its whole Silver table on an audit branch of its own
 * ({@link #stage}); readers of main see nothing of it. Publishing fast-forwards main to that
 * snapshot, which succeeds only if main is still where the run started: of two runs of one job at
 * once, one publishes and the other fails without changing anything. The job's quarantine slice is
 * then replaced on main, and each commit is checked against the rows the job planned.
 *
 * <p>If the quarantine commit fails after Silver was published, Silver's main branch goes back to
 * the snapshot it replaced. The shared quarantine table is never rolled back, since that could undo
 * another job's commit. Audit branches expire after {@link #AUDIT_BRANCH_RETENTION_DAYS} days, so a
 * run killed before publishing leaves nothing that lasts.
 */
public final class Publisher {
  public static final String MAIN = SnapshotRef.MAIN_BRANCH;
  public static final int AUDIT_BRANCH_RETENTION_DAYS = 7;

  /** On a snapshot that undoes a run's first publication: the table is empty again. */
  public static final String ROLLED_BACK = "silver.rolled-back";

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final SparkSession spark;
  private final CatalogSettings catalog;
  private final SilverTables tables;
  private final WriteSettings writes;

  public Publisher(SparkSession spark, CatalogSettings catalog, WriteSettings writes) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.tables = new SilverTables(spark, catalog);
    this.writes = requireNonNull(writes, "writes is null");
  }

  /**
   * Main's current snapshot: what a run starting now would replace. Empty for a table no run has
   * published yet: its first snapshot is then the first run's.
   */
  public Optional<Snapshot> current(String table) {
    return Optional.ofNullable(tables.load(catalog.qualified(table)).currentSnapshot());
  }

  /** The audit branch a run uses on a table: the run id, made safe as a name. */
  public static String auditBranch(RunRecord record) {
    return "audit_" + record.runId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** Commits the whole new Silver table on the run's audit branch, leaving main untouched. */
  public StagedSilver stage(
      String table,
      Optional<Snapshot> base,
      Dataset<Row> silverRows,
      long plannedRows,
      RunRecord record) {
    String name = catalog.qualified(table);
    String branch = auditBranch(record);
    Table silver = tables.load(name);
    stageOnBranch(silver, name, branch, base, silverRows, record, lit(true));
    silver.refresh();
    Snapshot staged = silver.snapshot(silver.refs().get(branch).snapshotId());
    checkRecords(name, staged, SnapshotSummary.TOTAL_RECORDS_PROP, plannedRows);
    return new StagedSilver(table, branch, base, staged);
  }

  /**
   * Keeps a gate-failed run's quarantine rows on an audit branch of the quarantine table, next to
   * its staged Silver table, so the failure can be inspected. Main is untouched.
   */
  public String stageQuarantine(String table, Dataset<Row> quarantineRows, RunRecord record) {
    String name = catalog.qualified(QuarantineTable.NAME);
    String branch = auditBranch(record) + "_" + table;
    Table quarantine = tables.load(name);
    stageOnBranch(
        quarantine,
        name,
        branch,
        current(QuarantineTable.NAME),
        quarantineRows,
        record,
        sliceOf(table));
    return branch;
  }

  /**
   * Commits rows on a new audit branch: branched from {@code base}, or, for a table with no
   * snapshot yet, a staged first snapshot that the branch is then created on.
   */
  private void stageOnBranch(
      Table table,
      String name,
      String branch,
      Optional<Snapshot> base,
      Dataset<Row> rows,
      RunRecord record,
      org.apache.spark.sql.Column condition) {
    if (base.isPresent()) {
      createAuditBranch(table, branch, base.get().snapshotId());
      overwrite(onBranch(name, branch), rows, writes.writeOptions(record), condition);
      return;
    }
    Snapshot staged =
        FirstSnapshot.stage(
            spark, table, name, branch, rows, writes.writeOptions(record), condition);
    createAuditBranch(table, branch, staged.snapshotId());
  }

  /** Publishes a staged Silver table and replaces the job's quarantine slice on main. */
  public Publication publish(
      StagedSilver staged,
      Dataset<Row> quarantineRows,
      long plannedQuarantineRows,
      RunRecord record) {
    String silverName = catalog.qualified(staged.table());
    Table silver = tables.load(silverName);
    fastForwardMain(silver, staged);
    FailPoint.reach(FailPoint.SILVER_PUBLISHED);
    try {
      String quarantineName = catalog.qualified(QuarantineTable.NAME);
      overwrite(
          quarantineName, quarantineRows, writes.writeOptions(record), sliceOf(staged.table()));
      Snapshot quarantineSnapshot = committedBy(tables.load(quarantineName), record);
      checkRecords(
          quarantineName,
          quarantineSnapshot,
          SnapshotSummary.ADDED_RECORDS_PROP,
          plannedQuarantineRows);
      FailPoint.reach(FailPoint.QUARANTINE_PUBLISHED);
      removeBranch(silver, staged.branch());
      return new Publication(staged.staged().snapshotId(), quarantineSnapshot.snapshotId());
    } catch (RuntimeException e) {
      restoreMain(silver, staged);
      throw e;
    }
  }

  /** Points the audit branch at {@code snapshotId}, replacing an old one of that name. */
  static void createAuditBranch(Table table, String branch, long snapshotId) {
    TableRefs.change(
        table,
        refs -> {
          if (table.refs().containsKey(branch)) {
            // The same run id ran this job before (a retried Glue run): start afresh.
            refs.removeBranch(branch);
          }
          return refs.createBranch(branch, snapshotId)
              .setMaxRefAgeMs(branch, TimeUnit.DAYS.toMillis(AUDIT_BRANCH_RETENTION_DAYS));
        });
  }

  private void fastForwardMain(Table silver, StagedSilver staged) {
    try {
      TableRefs.change(silver, refs -> refs.fastForwardBranch(MAIN, staged.branch()));
    } catch (RuntimeException e) {
      silver.refresh();
      Snapshot main = silver.currentSnapshot();
      Long base = staged.base().map(Snapshot::snapshotId).orElse(null);
      if (main != null && !Long.valueOf(main.snapshotId()).equals(base)) {
        removeBranch(silver, staged.branch());
        throw new SilverException(
            SilverException.Kind.CONFLICT,
            String.format(
                "Cannot publish %s: another run published it while this one ran (main moved from"
                    + " %s to snapshot %d); this run changed nothing",
                silver.name(),
                base == null ? "no snapshot" : "snapshot " + base,
                main.snapshotId()),
            e);
      }
      throw e;
    }
  }

  /** Spark's INSERT OVERWRITE semantics by name: rows matching {@code condition} are replaced. */
  static void overwrite(
      String target,
      Dataset<Row> rows,
      Map<String, String> options,
      org.apache.spark.sql.Column condition) {
    try {
      rows.writeTo(target).options(options).overwrite(condition);
    } catch (NoSuchTableException e) {
      throw new SilverException(SilverException.Kind.LAKEHOUSE, "Cannot write " + target, e);
    }
  }

  private static org.apache.spark.sql.Column sliceOf(String table) {
    return col(QuarantineTable.TABLE_NAME_COLUMN).equalTo(lit(table));
  }

  /** A table's branch as a Spark identifier Iceberg understands: table.`branch_<name>`. */
  static String onBranch(String qualifiedTable, String branch) {
    return qualifiedTable + ".`branch_" + branch + "`";
  }

  /** The newest snapshot this run's job committed; other jobs may have committed since. */
  static Snapshot committedBy(Table table, RunRecord record) {
    table.refresh();
    Snapshot found = null;
    for (Snapshot snapshot : table.snapshots()) {
      Map<String, String> summary = snapshot.summary();
      if (record.runId().equals(summary.get(RunRecord.RUN_ID))
          && record.job().equals(summary.get(RunRecord.JOB))
          && (found == null || snapshot.sequenceNumber() > found.sequenceNumber())) {
        found = snapshot;
      }
    }
    if (found == null) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Cannot find the snapshot run %s committed to %s for job %s",
              record.runId(), table.name(), record.job()));
    }
    return found;
  }

  static void checkRecords(String name, Snapshot snapshot, String property, long planned) {
    long actual = Long.parseLong(snapshot.summary().getOrDefault(property, "0"));
    if (actual != planned) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Cannot publish %s: snapshot %d holds %d rows (%s) but the job planned %d",
              name, snapshot.snapshotId(), actual, property, planned));
    }
  }

  private static void restoreMain(Table silver, StagedSilver staged) {
    silver.refresh();
    Snapshot current = silver.currentSnapshot();
    if (current == null || current.snapshotId() != staged.staged().snapshotId()) {
      LOG.error(
          "{} keeps snapshot {}: another run has committed since, so it is not rolled back",
          silver.name(),
          current == null ? "none" : current.snapshotId());
      return;
    }
    if (!staged.base().isPresent()) {
      // Main cannot point at no snapshot again: empty the table, as it was, in the run's name.
      silver
          .newDelete()
          .deleteFromRowFilter(Expressions.alwaysTrue())
          .set(RunRecord.RUN_ID, staged.staged().summary().get(RunRecord.RUN_ID))
          .set(RunRecord.JOB, staged.staged().summary().get(RunRecord.JOB))
          .set(ROLLED_BACK, "true")
          .commit();
      LOG.warn("Emptied {} again: the job failed after publishing its first rows", silver.name());
      return;
    }
    long base = staged.base().get().snapshotId();
    TableRefs.change(silver, refs -> refs.replaceBranch(MAIN, base));
    LOG.warn(
        "Put {} back to snapshot {} because the job failed after publishing it",
        silver.name(),
        base);
  }

  private static void removeBranch(Table table, String branch) {
    try {
      table.refresh();
      if (table.refs().containsKey(branch)) {
        TableRefs.change(table, refs -> refs.removeBranch(branch));
      }
    } catch (RuntimeException e) {
      // Harmless: the branch expires on its own after AUDIT_BRANCH_RETENTION_DAYS.
      LOG.warn("Cannot remove audit branch {} of {}: {}", branch, table.name(), e.getMessage());
    }
  }
}
