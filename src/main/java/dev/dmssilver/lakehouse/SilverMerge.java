package dev.dmssilver.lakehouse;

import dev.dmssilver.SilverException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Stages an incremental run's Silver changes on its audit branch: one MERGE by key that upserts the
 * changed rows and deletes the rows gone (or, when the write settings ask for it, an overwrite of
 * the months they touch: {@link MonthsOverwrite}). Publishing is then the same fast-forward as
 * after a full rebuild, so readers of main see all of the changes or none.
 */
public final class SilverMerge {
  /** The column of the changes that says what to do with the key: {@link #UPSERT} or delete. */
  public static final String CHANGE = "_silver_change";

  public static final String UPSERT = "upsert";
  public static final String DELETE = "delete";

  private SilverMerge() {}

  /** One row per changed key (the Silver columns and {@link #CHANGE}), and what bounds them. */
  public static final class Changes {
    final Dataset<Row> rows;
    final long rowCount;
    final String targetCondition;

    /**
     * @param targetCondition a condition every Silver row the changes touch meets (on {@code t}):
     *     it narrows the files the MERGE searches
     */
    public Changes(Dataset<Row> rows, long rowCount, String targetCondition) {
      this.rows = rows;
      this.rowCount = rowCount;
      this.targetCondition = targetCondition;
    }
  }

  /**
   * Stages {@code changes}; with none, an empty snapshot that still records the run.
   *
   * @param plannedRows the rows Silver must hold after the changes
   */
  public static StagedSilver stage(
      SparkSession spark,
      CatalogSettings catalog,
      WriteSettings writes,
      String table,
      Snapshot base,
      Changes changes,
      List<String> key,
      List<String> silverColumns,
      long plannedRows,
      RunRecord record) {
    String name = catalog.qualified(table);
    String branch = Publisher.auditBranch(record);
    Table silver = new SilverTables(spark, catalog).load(name);
    Publisher.createAuditBranch(silver, branch, base.snapshotId());
    Optional<MonthsOverwrite> byMonths =
        writes.incrementalWrite() == WriteSettings.IncrementalWrite.OVERWRITE_MONTHS
            ? MonthsOverwrite.of(silver)
            : Optional.empty();
    if (changes.rowCount == 0) {
      AppendFiles nothing = silver.newAppend().toBranch(branch);
      record.properties().forEach(nothing::set);
      nothing.commit();
    } else if (byMonths.isPresent()) {
      byMonths
          .get()
          .write(
              spark,
              Publisher.onBranch(name, branch),
              changes,
              key,
              silverColumns,
              writes.writeOptions(record));
    } else {
      String target = Publisher.onBranch(name, branch);
      ViewStatement.run(
          spark,
          changes.rows,
          record.properties(),
          view -> mergeStatement(target, view, key, silverColumns, changes.targetCondition));
    }
    silver.refresh();
    Snapshot staged = silver.snapshot(silver.refs().get(branch).snapshotId());
    if (staged.snapshotId() == base.snapshotId()) {
      throw new SilverException(
          SilverException.Kind.INVARIANT, "Cannot stage the changes of " + name + ": no commit");
    }
    Publisher.checkRecords(name, staged, SnapshotSummary.TOTAL_RECORDS_PROP, plannedRows);
    return new StagedSilver(table, branch, Optional.of(base), staged);
  }

  static String mergeStatement(
      String target,
      String view,
      List<String> key,
      List<String> silverColumns,
      String targetCondition) {
    List<String> on = new ArrayList<>();
    for (String column : key) {
      on.add("t.`" + column + "` = s.`" + column + "`");
    }
    on.add(targetCondition);
    List<String> set = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String column : silverColumns) {
      set.add("t.`" + column + "` = s.`" + column + "`");
      names.add("`" + column + "`");
      values.add("s.`" + column + "`");
    }
    return String.format(
        "MERGE INTO %s t USING %s s ON %s"
            + " WHEN MATCHED AND s.%s = '%s' THEN DELETE"
            + " WHEN MATCHED THEN UPDATE SET %s"
            + " WHEN NOT MATCHED AND s.%s = '%s' THEN INSERT (%s) VALUES (%s)",
        target,
        view,
        String.join(" AND ", on),
        CHANGE,
        DELETE,
        String.join(", ", set),
        CHANGE,
        UPSERT,
        String.join(", ", names),
        String.join(", ", values));
  }
}
