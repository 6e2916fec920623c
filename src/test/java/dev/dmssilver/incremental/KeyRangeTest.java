package dev.dmssilver.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.TestSpark;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class KeyRangeTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.IntegerType, true)
          .add("name", DataTypes.StringType, true)
          .add("at", DataTypes.TimestampType, true);

  private final SparkSession spark = TestSpark.session();

  @Test
  void filtersToTheIntervalsAroundTheChangedKeysAndLeavesNullsOut() {
    Dataset<Row> table = rows(1, 2, 3, 4, 5, 6, 7, 8, 100, 101, null);
    KeyRange range = KeyRange.of(rows(6, 3, 4, 3), Collections.singletonList("id"));

    assertThat(range.rows()).isEqualTo(4);
    assertThat(ids(table.where(range.filter()))).containsExactly(3, 4, 6);
    assertThat(ids(table.where(range.sqlCondition("t").replace("t.", ""))))
        .containsExactly(null, 3, 4, 6);
  }

  @Test
  void keepsAtMostSixteenIntervalsCutAtTheWidestGaps() {
    Integer[] keys = new Integer[40];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i < 39 ? 1_000 + i * 10 : 5; // one old key far below many new ones
    }
    Dataset<Row> table = rows(5, 6, 500, 1_000, 1_380, 1_385);
    KeyRange range = KeyRange.of(rows(keys), Collections.singletonList("id"));

    assertThat(range.toString().split(";")).hasSize(KeyRange.MAX_INTERVALS);
    assertThat(ids(table.where(range.filter()))).containsExactly(5, 1_000, 1_380);
  }

  @Test
  void anEmptyBoxHoldsNothingAndItsMergeConditionOnlyNulls() {
    Dataset<Row> table = rows(1, 2, null);
    KeyRange range = KeyRange.of(rows().where("id IS NOT NULL"), Collections.singletonList("id"));

    assertThat(range.rows()).isZero();
    assertThat(table.where(range.filter()).count()).isZero();
    assertThat(ids(table.where(range.sqlCondition("t").replace("t.", ""))))
        .containsExactly((Integer) null);
  }

  @Test
  void writesItsBoundsAsTypedSqlThatQuotesStringsAndKeepsInstants() {
    Dataset<Row> table =
        spark.createDataFrame(
            Arrays.asList(
                row(1, "O'Brien", "2024-01-31 23:59:59.999999"),
                row(2, "Smith", "2024-02-01 00:00:00"),
                row(3, "Zed", "2024-02-01 00:00:00.000001"),
                row(4, null, null)),
            SCHEMA);
    KeyRange range =
        KeyRange.of(table.where("id IN (1, 2)"), Arrays.asList("name", "at"))
            .renamed(Collections.singletonMap("name", "name"));
    table.createOrReplaceTempView("key_range_t");

    List<Row> inside =
        spark
            .sql("SELECT id FROM key_range_t t WHERE " + range.sqlCondition("t") + " ORDER BY id")
            .collectAsList();

    assertThat(inside.stream().map(r -> r.getInt(0)).collect(Collectors.toList()))
        .containsExactly(1, 2, 4);
    assertThat(ids(table.where(range.filter()))).containsExactly(1, 2);
  }

  @Test
  void renamesItsColumnsForTheTableItNarrows() {
    Dataset<Row> children = rows(10, 11, 12).withColumnRenamed("id", "order_id");
    KeyRange parents =
        KeyRange.of(rows(11), Collections.singletonList("id"))
            .renamed(Collections.singletonMap("id", "order_id"));

    assertThat(children.where(parents.filter()).count()).isEqualTo(1);
  }

  @Test
  void drawsEachSubsetsRangeInOnePassAsIfDrawnAlone() {
    Dataset<Row> table =
        spark.createDataFrame(
            Arrays.asList(
                row(1, "a", "2024-01-01 00:00:00"),
                row(2, "b", "2024-01-02 00:00:00"),
                row(2, "b", "2024-01-02 00:00:00"),
                row(50, "c", "2024-03-01 00:00:00"),
                row(51, null, null),
                row(null, "d", "2024-04-01 00:00:00")),
            SCHEMA);
    List<org.apache.spark.sql.Column> subsets =
        Arrays.asList(
            org.apache.spark.sql.functions.col("id").lt(10),
            org.apache.spark.sql.functions.col("name").isNull(),
            org.apache.spark.sql.functions.lit(false),
            org.apache.spark.sql.functions.col("id").isNull().or(table.col("id").equalTo(50)));

    for (List<String> columns :
        Arrays.asList(Collections.singletonList("id"), Arrays.asList("name", "at"))) {
      List<KeyRange> together = KeyRange.ofEach(table, columns, subsets);

      assertThat(together).hasSize(subsets.size());
      for (int i = 0; i < subsets.size(); i++) {
        KeyRange alone = KeyRange.of(table.where(subsets.get(i)), columns);
        assertThat(together.get(i).rows()).as("%s, subset %d", columns, i).isEqualTo(alone.rows());
        assertThat(together.get(i).toString()).isEqualTo(alone.toString());
        assertThat(together.get(i).sqlCondition("t")).isEqualTo(alone.sqlCondition("t"));
      }
    }
    assertThat(KeyRange.ofEach(table, Collections.singletonList("id"), subsets).get(0).toString())
        .isEqualTo("3 rows, id 1..1; id 2..2");
  }

  private Dataset<Row> rows(Integer... ids) {
    return spark.createDataFrame(
        Arrays.stream(ids)
            .map(id -> row(id, "n", "2024-01-01 00:00:00"))
            .collect(Collectors.toList()),
        SCHEMA);
  }

  private static Row row(Integer id, String name, String at) {
    return RowFactory.create(id, name, at == null ? null : Timestamp.valueOf(at));
  }

  private static List<Integer> ids(Dataset<Row> rows) {
    return rows.orderBy("id").collectAsList().stream()
        .map(r -> r.isNullAt(0) ? null : r.getInt(0))
        .collect(Collectors.toList());
  }
}
