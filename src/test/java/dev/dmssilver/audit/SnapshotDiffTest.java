package dev.dmssilver.audit;

import static dev.dmssilver.testing.BronzeFixture.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.JobRunner;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two known runs compared by key, on real snapshots; and the comparison rules on inline rows. */
class SnapshotDiffTest {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");
  private static final int ORDERS = 300;

  @TempDir Path folder;

  @Test
  void betweenTwoKnownRunsItListsExactlyTheAddedRemovedAndChangedKeys() {
    SparkSession spark = TestSpark.session();
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    OrdersHistory history = new OrdersHistory(bronze, ORDERS);
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    RunSettings settings =
        RunSettings.of(
            BronzeSettings.withDefaults(bronze.root()), catalog, Contracts.fromDirectory(JOBS));
    JobRuns.prepareShared(spark, settings);

    history.writeFullLoad();
    new JobRunner(spark, settings).run(settings.contracts().get("fact_orders"));
    Table table = new SilverTables(spark, catalog).find("fact_orders").orElseThrow();
    long fullLoad = table.currentSnapshot().snapshotId();
    AuditTags.create(table, table.currentSnapshot(), "after-full-load", Optional.empty());
    history.writeNextDay();
    writeThreeNewOrders(bronze);
    new JobRunner(spark, settings).run(settings.contracts().get("fact_orders"));
    table.refresh();

    // Resolved the way auditors name snapshots: a tag, and an id.
    Snapshot from = SnapshotSelector.select(table, "after-full-load");
    Snapshot to =
        SnapshotSelector.select(table, String.valueOf(table.currentSnapshot().snapshotId()));
    assertThat(from.snapshotId()).isEqualTo(fullLoad);
    String name = catalog.qualified("fact_orders");
    Dataset<Row> before =
        spark.sql("SELECT * FROM " + name + " VERSION AS OF " + from.snapshotId());
    Dataset<Row> after = spark.sql("SELECT * FROM " + name + " VERSION AS OF " + to.snapshotId());
    List<String> keys = Collections.singletonList("order_id");
    Dataset<Row> compared =
        SnapshotDiff.of(keys, before.columns(), after.columns()).compare(before, after);

    // OrdersHistory's next day: every 50th order deleted; every 100th+1 put "on_hold", which
    // order_status_known quarantines (so it leaves Silver); every 3rd other order shipped.
    List<String> expected = new ArrayList<>();
    int unchanged = 0;
    for (long id = 1; id <= ORDERS + 3; id++) {
      if (id > ORDERS) {
        expected.add("added\t" + id);
      } else if (id % 50 == 0 || id % 100 == 1) {
        expected.add("removed\t" + id);
      } else if (id % 3 == 0) {
        expected.add("changed\t" + id);
      } else {
        unchanged++;
      }
    }
    assertThat(lines(compared.where(col("change").notEqual("unchanged")).orderBy(col("order_id"))))
        .containsExactlyElementsOf(expected);
    assertThat(compared.where(col("change").equalTo("unchanged")).count()).isEqualTo(unchanged);
    assertThat(compared.where(col("order_id").equalTo(3)).select("changes").first().getString(0))
        .isEqualTo(
            "order_status: pending -> shipped; updated_at: 2024-01-14 08:00:00 -> 2024-01-16 00:00:00");
  }

  @Test
  void compositeKeysAreJoinedWithABarAndNullsCompareAsValues() {
    SparkSession spark = TestSpark.session();
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.LongType)
            .add("line_no", DataTypes.IntegerType)
            .add("quantity", DataTypes.IntegerType)
            .add("note", DataTypes.StringType);
    Dataset<Row> before =
        spark.createDataFrame(
            Arrays.asList(
                RowFactory.create(7L, 1, 2, null),
                RowFactory.create(7L, 2, 1, null),
                RowFactory.create(8L, 1, 5, "gift"),
                RowFactory.create(9L, 1, 1, "x")),
            schema);
    Dataset<Row> after =
        spark.createDataFrame(
            Arrays.asList(
                RowFactory.create(7L, 1, 2, null),
                RowFactory.create(7L, 2, 1, "fragile"),
                RowFactory.create(8L, 1, 5, null),
                RowFactory.create(10L, 3, 4, null)),
            schema);

    SnapshotDiff diff =
        SnapshotDiff.of(Arrays.asList("order_id", "line_no"), before.columns(), after.columns());
    Dataset<Row> compared = diff.compare(before, after).orderBy("order_id", "line_no");

    assertThat(lines(compared))
        .containsExactly(
            "unchanged\t7|1", "changed\t7|2", "changed\t8|1", "removed\t9|1", "added\t10|3");
    assertThat(compared.where(col("change").equalTo("changed")).select("changes").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("note: NULL -> fragile", "note: gift -> NULL");
  }

  @Test
  void columnsOnlyOneSnapshotHasAreListedNotCompared() {
    SnapshotDiff diff =
        SnapshotDiff.of(
            Collections.singletonList("id"),
            new String[] {"id", "name", "legacy_code"},
            new String[] {"id", "name", "email"});

    assertThat(diff.comparedColumns()).containsExactly("name");
    assertThat(diff.columnsOnlyInFrom()).containsExactly("legacy_code");
    assertThat(diff.columnsOnlyInTo()).containsExactly("email");
  }

  @Test
  void anUnknownReferenceSaysWhatASnapshotCanBeNamedBy() {
    SparkSession spark = TestSpark.session();
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    new OrdersHistory(bronze, 10).writeFullLoad();
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    RunSettings settings =
        RunSettings.of(
            BronzeSettings.withDefaults(bronze.root()), catalog, Contracts.fromDirectory(JOBS));
    JobRuns.prepareShared(spark, settings);
    new JobRunner(spark, settings).run(settings.contracts().get("fact_orders"));
    Table table = new SilverTables(spark, catalog).find("fact_orders").orElseThrow();

    assertThatThrownBy(() -> SnapshotSelector.select(table, "month-end"))
        .hasMessageContaining("Cannot find snapshot 'month-end' of")
        .hasMessageContaining("it is not a tag or branch [main]");
    assertThatThrownBy(() -> SnapshotSelector.select(table, "1234567890"))
        .hasMessageContaining("no snapshot has this id");
    assertThatThrownBy(() -> SnapshotSelector.select(table, "2001-01-01"))
        .hasMessageContaining("the oldest snapshot still kept is newer");
    assertThat(
            SnapshotSelector.select(table, Instant.now().plusSeconds(60).toString()).snapshotId())
        .isEqualTo(table.currentSnapshot().snapshotId());
    assertThatThrownBy(
            () -> AuditTags.create(table, table.currentSnapshot(), "main", Optional.empty()))
        .hasMessageContaining("'main' and names starting 'audit_' are the publisher's");
    AuditTags.create(table, table.currentSnapshot(), "q1", Optional.empty());
    assertThatThrownBy(
            () -> AuditTags.create(table, table.currentSnapshot(), "q1", Optional.empty()))
        .hasMessageContaining("it already names snapshot");
  }

  private static List<String> lines(Dataset<Row> compared) {
    List<String> lines = new ArrayList<>();
    for (Row row : compared.select("change", "key").collectAsList()) {
      lines.add(row.getString(0) + "\t" + row.getString(1));
    }
    return lines;
  }

  private static void writeThreeNewOrders(BronzeFixture bronze) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = ORDERS + 1; id <= ORDERS + 3; id++) {
      rows.add(
          row(
              "I",
              "2024-01-17 09:00:00.000000",
              id,
              5,
              Instant.parse("2024-01-17T12:00:00Z"),
              "pending",
              Instant.parse("2024-01-17T09:00:00Z")));
    }
    bronze.write(
        "orders",
        "2024/01/17/20240117-090000000.parquet",
        OrdersHistory.orderColumns(true),
        rows.toArray(new Object[0][]));
  }
}
