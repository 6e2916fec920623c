package dev.dmssilver.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The months overwrite, the alternative to the MERGE: a row that moves month, a delete that empties
 * a month, a new month, a boundary instant; untouched months keep their files.
 */
class MonthsOverwriteIT {
  @TempDir Path folder;

  @Test
  void replacesExactlyTheMonthsTheChangesTouch() {
    SparkSession spark = TestSpark.session();
    CatalogSettings catalog = TestSpark.newLakehouse(folder);
    String name = catalog.qualified("months_overwrite");
    spark.sql(
        "CREATE TABLE "
            + name
            + " (id INT, ts TIMESTAMP, v STRING) USING iceberg PARTITIONED BY (months(ts))");
    spark.sql(
        "INSERT INTO "
            + name
            + " VALUES (1, TIMESTAMP '2024-01-10 08:00:00', 'a'),"
            + " (2, TIMESTAMP '2024-01-20 08:00:00', 'b'),"
            + " (3, TIMESTAMP '2024-02-05 08:00:00', 'c'),"
            + " (4, TIMESTAMP '2024-03-07 08:00:00', 'd'),"
            + " (6, TIMESTAMP '2024-03-31 23:59:59', 'f'),"
            + " (5, TIMESTAMP '2024-04-01 00:00:00', 'e'),"
            + " (8, TIMESTAMP '2024-06-10 08:00:00', 'h')");
    List<String> aprilFiles = filesOf(spark, name, "2024-04");
    Dataset<Row> changes =
        spark.sql(
            "SELECT * FROM VALUES"
                + " (1, TIMESTAMP '2024-02-10 08:00:00', 'a2', 'upsert'),"
                + " (4, CAST(NULL AS TIMESTAMP), CAST(NULL AS STRING), 'delete'),"
                + " (8, CAST(NULL AS TIMESTAMP), CAST(NULL AS STRING), 'delete'),"
                + " (7, TIMESTAMP '2024-05-15 08:00:00', 'g', 'upsert')"
                + " AS c(id, ts, v, "
                + SilverMerge.CHANGE
                + ")");
    Table table = new SilverTables(spark, catalog).load(name);

    MonthsOverwrite.of(table)
        .get()
        .write(
            spark,
            name,
            new SilverMerge.Changes(changes, 4, "t.id BETWEEN 1 AND 8"),
            Collections.singletonList("id"),
            Arrays.asList("id", "ts", "v"),
            Collections.<String, String>emptyMap());

    assertThat(rows(spark, "SELECT id, CAST(ts AS STRING), v FROM " + name + " ORDER BY id"))
        .containsExactly(
            "1 2024-02-10 08:00:00 a2",
            "2 2024-01-20 08:00:00 b",
            "3 2024-02-05 08:00:00 c",
            "5 2024-04-01 00:00:00 e",
            "6 2024-03-31 23:59:59 f",
            "7 2024-05-15 08:00:00 g");
    assertThat(filesOf(spark, name, "2024-04")).as("April is untouched").isEqualTo(aprilFiles);
    assertThat(rows(spark, "SELECT DISTINCT partition.ts_month FROM " + name + ".files ORDER BY 1"))
        .as("June, emptied, is gone")
        .containsExactly(
            month("2024-01"),
            month("2024-02"),
            month("2024-03"),
            month("2024-04"),
            month("2024-05"));
  }

  @Test
  void onlyATableByMonthsAloneIsOverwrittenByMonth() {
    SparkSession spark = TestSpark.session();
    CatalogSettings catalog = TestSpark.newLakehouse(folder);
    String plain = catalog.qualified("plain");
    String byDay = catalog.qualified("by_day");
    spark.sql("CREATE TABLE " + plain + " (id INT, ts TIMESTAMP) USING iceberg");
    spark.sql(
        "CREATE TABLE "
            + byDay
            + " (id INT, ts TIMESTAMP) USING iceberg PARTITIONED BY (days(ts))");
    SilverTables tables = new SilverTables(spark, catalog);

    assertThat(MonthsOverwrite.of(tables.load(plain))).isEmpty();
    assertThat(MonthsOverwrite.of(tables.load(byDay))).isEmpty();
  }

  private static List<String> filesOf(SparkSession spark, String name, String month) {
    return rows(
        spark,
        "SELECT file_path FROM "
            + name
            + ".files WHERE partition.ts_month = "
            + month(month)
            + " ORDER BY 1");
  }

  /** Iceberg's month partition value: months since 1970-01. */
  private static String month(String yearMonth) {
    java.time.YearMonth month = java.time.YearMonth.parse(yearMonth);
    return Long.toString(
        java.time.temporal.ChronoUnit.MONTHS.between(java.time.YearMonth.of(1970, 1), month));
  }

  private static List<String> rows(SparkSession spark, String query) {
    return spark.sql(query).collectAsList().stream()
        .map(
            row -> {
              StringBuilder text = new StringBuilder();
              for (int i = 0; i < row.size(); i++) {
                text.append(i == 0 ? "" : " ").append(row.get(i));
              }
              return text.toString();
            })
        .collect(Collectors.toList());
  }
}
