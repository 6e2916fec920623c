package dev.dmssilver.lakehouse;

import dev.dmssilver.SilverException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Stages an incremental run's Silver changes on its audit branch: one MERGE by key that upserts the
 * changed rows and deletes the rows gone. Publishing is then the same fast-forward as after a full
 * rebuild, so readers of main see all of the changes or none.
 */
public final class SilverMerge {
  /** The column of the changes that says what to do with the key: {@link #UPSERT} or delete. */
  public static final String CHANGE = "_silver_change";

  public static final String UPSERT = "upsert";
  public static final String DELETE = "delete";

  private SilverMerge() {}

  /**
   * @param changes one row per changed key: the Silver columns and {@link #CHANGE}
   * @param plannedRows the rows Silver must hold after the changes
   */
  public static StagedSilver stage(
      SparkSession spark,
      CatalogSettings catalog,
      String table,
      Snapshot base,
      Dataset<Row> changes,
      List<String> key,
      List<String> silverColumns,
      long plannedRows,
      RunRecord record) {
    String name = catalog.qualified(table);
    String branch = Publisher.auditBranch(record);
    Table silver = new SilverTables(spark, catalog).load(name);
    Publisher.createAuditBranch(silver, branch, base.snapshotId());
    String view = "silver_merge_" + UUID.randomUUID().toString().replace("-", "");
    changes.createOrReplaceTempView(view);
    try {
      CommitMetadata.withCommitProperties(
          record.properties(),
          () -> {
            spark.sql(mergeStatement(Publisher.onBranch(name, branch), view, key, silverColumns));
            return 0;
          },
          RuntimeException.class);
    } finally {
      spark.catalog().dropTempView(view);
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
      String target, String view, List<String> key, List<String> silverColumns) {
    List<String> on = new ArrayList<>();
    for (String column : key) {
      on.add("t.`" + column + "` = s.`" + column + "`");
    }
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
