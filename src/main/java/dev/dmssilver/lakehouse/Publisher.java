package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.SilverException;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one job's output: the whole Silver table in one atomic overwrite, then the job's slice of
 * the quarantine table. Each commit is then checked against the row counts the job planned: a table
 * that does not hold exactly the planned rows fails the job.
 *
 * <p>Silver goes first. If the quarantine commit then fails, Silver is rolled back to the snapshot
 * it replaced, so a failed job leaves both tables as they were. The shared quarantine table is
 * never rolled back, because that could undo another job's commit.
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final SparkSession spark;
  private final CatalogSettings catalog;

  public Publisher(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public Publication publish(
      String table,
      Dataset<Row> silverRows,
      long plannedSilverRows,
      Dataset<Row> quarantineRows,
      long plannedQuarantineRows,
      RunRecord record) {
    String silverName = catalog.qualified(table);
    Table silver = new SilverTables(spark, catalog).load(silverName);
    Snapshot replaced = silver.currentSnapshot();

    overwriteWholeTable(silverName, silverRows, record);
    silver.refresh();
    Snapshot silverSnapshot = committedBy(silver, record);
    try {
      checkRecords(
          silverName, silverSnapshot, SnapshotSummary.TOTAL_RECORDS_PROP, plannedSilverRows);
      String quarantineName = catalog.qualified(QuarantineTable.NAME);
      overwriteSlice(quarantineName, table, quarantineRows, record);
      Table quarantine = new SilverTables(spark, catalog).load(quarantineName);
      Snapshot quarantineSnapshot = committedBy(quarantine, record);
      checkRecords(
          quarantineName,
          quarantineSnapshot,
          SnapshotSummary.ADDED_RECORDS_PROP,
          plannedQuarantineRows);
      return new Publication(silverSnapshot.snapshotId(), quarantineSnapshot.snapshotId());
    } catch (RuntimeException e) {
      restore(silver, silverSnapshot, replaced);
      throw e;
    }
  }

  /** Spark's INSERT OVERWRITE in static mode, by name: the whole table, in one commit. */
  private static void overwriteWholeTable(String name, Dataset<Row> rows, RunRecord record) {
    try {
      rows.writeTo(name).options(record.writeOptions()).overwrite(lit(true));
    } catch (NoSuchTableException e) {
      throw new SilverException(SilverException.Kind.LAKEHOUSE, "Cannot write " + name, e);
    }
  }

  /** Replaces the rows of one Silver table in the quarantine table, in one commit. */
  private static void overwriteSlice(
      String quarantineName, String table, Dataset<Row> rows, RunRecord record) {
    try {
      rows.writeTo(quarantineName)
          .options(record.writeOptions())
          .overwrite(col(QuarantineTable.TABLE_NAME_COLUMN).equalTo(lit(table)));
    } catch (NoSuchTableException e) {
      throw new SilverException(
          SilverException.Kind.LAKEHOUSE, "Cannot write " + quarantineName, e);
    }
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

  private static void checkRecords(String name, Snapshot snapshot, String property, long planned) {
    long actual = Long.parseLong(snapshot.summary().getOrDefault(property, "0"));
    if (actual != planned) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Cannot publish %s: snapshot %d holds %d rows (%s) but the job planned %d",
              name, snapshot.snapshotId(), actual, property, planned));
    }
  }

  private static void restore(Table silver, Snapshot ours, Snapshot replaced) {
    silver.refresh();
    Snapshot current = silver.currentSnapshot();
    if (replaced == null || current == null || current.snapshotId() != ours.snapshotId()) {
      LOG.error(
          "Silver table {} keeps snapshot {}: nothing earlier to restore, or another run has"
              + " committed since",
          silver.name(),
          current == null ? "none" : current.snapshotId());
      return;
    }
    silver.manageSnapshots().rollbackTo(replaced.snapshotId()).commit();
    LOG.warn(
        "Rolled {} back to snapshot {} because the job failed after writing it",
        silver.name(),
        replaced.snapshotId());
  }
}
