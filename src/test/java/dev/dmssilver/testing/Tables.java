package dev.dmssilver.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** Whole tables as sorted lines of "v1|v2|...", so tests can compare them exactly. */
public final class Tables {
  private Tables() {}

  public static List<String> rows(SparkSession spark, String table, String... columns) {
    return lines(spark.table(table), columns);
  }

  /** Columns may be expressions; a single "*" means every column in table order. */
  public static List<String> lines(Dataset<Row> rows, String... columns) {
    String[] selected =
        columns.length == 1 && columns[0].equals("*") ? quoted(rows.columns()) : columns;
    List<Column> asText = new ArrayList<>();
    for (String column : selected) {
      asText.add(
          org.apache.spark.sql.functions.coalesce(
              org.apache.spark.sql.functions.expr(column).cast(DataTypes.StringType),
              org.apache.spark.sql.functions.lit("NULL")));
    }
    List<String> lines = new ArrayList<>();
    for (Row row : rows.select(asText.toArray(new Column[0])).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        cells.add(row.getString(i));
      }
      lines.add(String.join("|", cells));
    }
    lines.sort(null);
    return lines;
  }

  private static String[] quoted(String[] names) {
    String[] quoted = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      quoted[i] = "`" + names[i] + "`";
    }
    return quoted;
  }

  public static long snapshotCount(SparkSession spark, String table) {
    return spark.table(table + ".snapshots").count();
  }
}
