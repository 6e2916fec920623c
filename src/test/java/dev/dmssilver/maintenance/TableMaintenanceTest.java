package dev.dmssilver.maintenance;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.audit.AuditTags;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRunner;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance on real tables after real runs: what it removes, what it keeps, what it never
 * changes.
 */
class TableMaintenanceTest {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");
  private static final MaintenancePolicy KEEP_ONLY_THE_CURRENT_SNAPSHOT =
      new MaintenancePolicy(1, Duration.ZERO, 128L * 1024 * 1024, Duration.ofDays(3));

  @TempDir Path folder;
  private SparkSession spark;
  private OrdersHistory history;
  private CatalogSettings catalog;
  private RunSettings settings;
  private String orders;
  private String quarantine;

  @BeforeEach
  void setUp() {
    spark = TestSpark.session();
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    history = new OrdersHistory(bronze, 300);
    catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    settings =
        RunSettings.of(
            BronzeSettings.withDefaults(bronze.root()), catalog, Contracts.fromDirectory(JOBS));
    orders = catalog.qualified("fact_orders");
    quarantine = catalog.qualified(QuarantineTable.NAME);
  }

  private void runFactOrders() {
    JobRuns.prepareShared(spark, settings);
    JobResult result = new JobRunner(spark, settings).run(settings.contracts().get("fact_orders"));
    assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
  }

  private Table table(String name) {
    return new SilverTables(spark, catalog).find(name).orElseThrow();
  }

  private List<MaintenanceReport> maintain(MaintenancePolicy policy, String... tables) {
    List<MaintenanceReport> reports =
        new Maintenance(spark, catalog, Clock.systemUTC(), "maintain-test", Duration.ofDays(30))
            .maintainAll(Arrays.asList(tables), table -> policy, report -> {});
    assertThat(reports)
        .allSatisfy(
            report -> assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue());
    return reports;
  }

  @Test
  void afterSeveralRunsKeepingOnlyTheLastSnapshotLeavesOnePerTableWithIdenticalRows() {
    history.writeFullLoad();
    runFactOrders();
    history.writeNextDay();
    runFactOrders();
    runFactOrders();
    List<String> silverBefore = Tables.rows(spark, orders, "*");
    List<String> quarantineBefore =
        Tables.rows(spark, quarantine, "table_name", "record_key", "reasons");
    assertThat(Tables.snapshotCount(spark, orders)).isEqualTo(3);
    assertThat(Tables.snapshotCount(spark, quarantine)).isEqualTo(3);

    List<MaintenanceReport> reports =
        maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT, "fact_orders", QuarantineTable.NAME);

    assertThat(Tables.snapshotCount(spark, orders)).isEqualTo(1);
    assertThat(Tables.snapshotCount(spark, quarantine)).isEqualTo(1);
    assertThat(Tables.rows(spark, orders, "*")).isEqualTo(silverBefore);
    assertThat(Tables.rows(spark, quarantine, "table_name", "record_key", "reasons"))
        .isEqualTo(quarantineBefore);
    MaintenanceReport silver = reports.get(0);
    assertThat(silver.before().orElseThrow().snapshots()).isEqualTo(3);
    assertThat(silver.after().orElseThrow().snapshots()).isEqualTo(1);
    // The first two runs' snapshots; maintenance's own, but for the last.
    int maintenanceSnapshots =
        (silver.dataFilesRewritten() > 0 ? 1 : 0) + (silver.manifestsRewritten() > 0 ? 1 : 0);
    assertThat(silver.snapshotsExpired()).isEqualTo(2 + maintenanceSnapshots);
    assertThat(silver.filesDeletedByExpiry()).isPositive();
    assertThat(silver.after().orElseThrow().rows()).isEqualTo(silverBefore.size());
  }

  @Test
  void aTaggedSnapshotSurvivesExpiryAndTimeTravelToItStillReads() {
    history.writeFullLoad();
    runFactOrders();
    Table table = table("fact_orders");
    AuditTags.create(
        table, table.currentSnapshot(), "month-end-2024-01", Optional.of(Duration.ofDays(365)));
    List<String> monthEnd = Tables.rows(spark, orders, "*");
    history.writeNextDay();
    runFactOrders();
    runFactOrders();
    List<String> current = Tables.rows(spark, orders, "*");
    assertThat(current).isNotEqualTo(monthEnd);

    maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT, "fact_orders");

    assertThat(Tables.snapshotCount(spark, orders)).isEqualTo(2);
    assertThat(
            Tables.lines(
                spark.sql("SELECT * FROM " + orders + " VERSION AS OF 'month-end-2024-01'"), "*"))
        .isEqualTo(monthEnd);
    assertThat(Tables.rows(spark, orders, "*")).isEqualTo(current);
  }

  @Test
  void compactionTurnsManySmallFilesIntoFewWithoutChangingARowAndOnlyWhenThereIsSomethingToGain()
      throws Exception {
    history.writeFullLoad();
    history.writeNextDay();
    runFactOrders();
    List<String> rows = Tables.rows(spark, orders, "*");
    // What many small appends or an over-parallel writer leave: 24 files in one month partition.
    spark
        .table(orders)
        .repartition(24)
        .writeTo(orders)
        .option("distribution-mode", "none")
        .overwrite(lit(true));

    MaintenanceReport compacted =
        maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT.withRetainLast(10), "fact_orders").get(0);

    assertThat(compacted.before().orElseThrow().dataFiles()).isEqualTo(24);
    assertThat(compacted.dataFilesRewritten()).isEqualTo(24);
    assertThat(compacted.dataFilesAdded()).isEqualTo(1);
    assertThat(compacted.after().orElseThrow().dataFiles()).isEqualTo(1);
    assertThat(Tables.rows(spark, orders, "*")).isEqualTo(rows);
    MaintenanceReport again =
        maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT.withRetainLast(10), "fact_orders").get(0);
    assertThat(again.dataFilesRewritten()).isZero();
    assertThat(again.after().orElseThrow().snapshots())
        .isEqualTo(again.before().orElseThrow().snapshots());
  }

  @Test
  void manifestsAreRewrittenWhenSeveralListLiveFilesAndTheRewriteCarriesTheMaintenanceRun()
      throws Exception {
    history.writeFullLoad();
    runFactOrders();
    // Orders spread over three months, written as an overwrite and two appends: one file per
    // partition (nothing to compact) in three manifests of live files.
    Dataset<Row> spread =
        spark
            .table(orders)
            .withColumn("order_date", expr("add_months(order_date, CAST(order_id % 3 AS INT))"));
    List<Row> rows = spread.collectAsList();
    for (int month = 0; month < 3; month++) {
      Dataset<Row> slice =
          spark.createDataFrame(rows, spread.schema()).where(expr("order_id % 3 = " + month));
      if (month == 0) {
        slice.writeTo(orders).overwrite(lit(true));
      } else {
        slice.writeTo(orders).append();
      }
    }
    List<String> before = Tables.rows(spark, orders, "*");

    MaintenanceReport report =
        maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT.withRetainLast(10), "fact_orders").get(0);

    assertThat(report.dataFilesRewritten()).isZero();
    assertThat(report.manifestsRewritten()).isEqualTo(3);
    Table table = table("fact_orders");
    assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(1);
    assertThat(table.currentSnapshot().summary())
        .containsEntry(TableMaintenance.MAINTENANCE_RUN, "maintain-test");
    assertThat(Tables.rows(spark, orders, "*")).isEqualTo(before);
  }

  @Test
  void orphanFilesOlderThanTheSafeAgeAreRemovedAndYoungerOnesKept() throws Exception {
    history.writeFullLoad();
    runFactOrders();
    List<String> rows = Tables.rows(spark, orders, "*");
    Path data = Paths.get(table("fact_orders").location().replaceFirst("^file:", ""), "data");
    Path written;
    try (Stream<Path> files = Files.walk(data)) {
      written =
          files.filter(file -> file.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    // What a killed run leaves: data files no snapshot references.
    Path leftByAKilledRun = Files.copy(written, data.resolve("killed-run-00001.parquet"));
    Files.setLastModifiedTime(
        leftByAKilledRun, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
    Path beingWrittenNow = Files.copy(written, data.resolve("running-00001.parquet"));

    MaintenanceReport report =
        maintain(KEEP_ONLY_THE_CURRENT_SNAPSHOT.withRetainLast(10), "fact_orders").get(0);

    assertThat(report.orphanFilesRemoved()).isEqualTo(1);
    assertThat(leftByAKilledRun).doesNotExist();
    assertThat(beingWrittenNow).exists();
    assertThat(Tables.rows(spark, orders, "*")).isEqualTo(rows);
  }

  @Test
  void aMissingTableIsReportedAndTheOthersAreStillMaintained() {
    history.writeFullLoad();
    runFactOrders();

    List<MaintenanceReport> reports =
        new Maintenance(spark, catalog, Clock.systemUTC(), "maintain-test", Duration.ofDays(30))
            .maintainAll(
                Arrays.asList("fact_payments", "fact_orders"),
                table -> KEEP_ONLY_THE_CURRENT_SNAPSHOT,
                report -> {});

    assertThat(reports.get(0).succeeded()).isFalse();
    assertThat(reports.get(0).failure().orElseThrow())
        .hasMessageContaining("Cannot maintain fact_payments: there is no such table");
    assertThat(reports.get(1).succeeded()).isTrue();
    assertThat(Tables.snapshotCount(spark, orders)).isEqualTo(1);
  }
}
