package dev.dmssilver.lakehouse;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One SQL statement (a MERGE: Spark 3.3 has no DataFrame API for it) that reads some rows through a
 * temporary view of their own, committed with the given snapshot properties (the run record).
 */
public final class ViewStatement {
  private ViewStatement() {}

  /**
   * @param statement the statement, given the view's name
   */
  public static void run(
      SparkSession spark,
      Dataset<Row> rows,
      Map<String, String> snapshotProperties,
      Function<String, String> statement) {
    String view = "silver_rows_" + UUID.randomUUID().toString().replace("-", "");
    rows.createOrReplaceTempView(view);
    try {
      CommitMetadata.withCommitProperties(
          snapshotProperties,
          () -> {
            spark.sql(statement.apply(view));
            return 0;
          },
          RuntimeException.class);
    } finally {
      spark.catalog().dropTempView(view);
    }
  }
}
