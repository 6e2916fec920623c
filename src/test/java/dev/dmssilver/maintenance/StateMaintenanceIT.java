package dev.dmssilver.maintenance;

import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.job.Verification;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code silver maintain} on the incremental state: compaction and expiry at their most eager keep
 * what the state points at, the next incremental run carries on from the compacted state (no
 * fallback) and still equals the full rebuild; tombstones past the horizon are dropped, and the
 * horizon is exactly what the docs say it is.
 */
class StateMaintenanceIT {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");
  private static final MaintenancePolicy EAGER =
      new MaintenancePolicy(1, Duration.ZERO, 128L * 1024 * 1024, Duration.ofDays(3));
  private static final Duration KEEP_TOMBSTONES = Duration.ofDays(365_000);

  @TempDir Path folder;

  @Test
  void maintainedStateCarriesOnAndDropsTombstonesPastTheHorizon() {
    SparkSession spark = TestSpark.session();
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    OrdersHistory history = new OrdersHistory(bronze, 300);
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    RunSettings settings =
        RunSettings.of(
                BronzeSettings.withDefaults(bronze.root()), catalog, Contracts.fromDirectory(JOBS))
            .withMode(RunSettings.Mode.INCREMENTAL);
    Contract orders = settings.contracts().get("fact_orders");
    String own = StateStore.ownTable("fact_orders");

    history.writeFullLoad();
    assertThat(run(spark, settings, orders)).isEqualTo(JobResult.Status.PUBLISHED);
    history.writeNextDay(); // ships a third, deletes 6 (tombstones), puts 3 on hold
    run(spark, settings, orders);
    assertThat(tombstones(spark, catalog, own)).isEqualTo(6);
    assertThat(deleteFiles(table(spark, catalog, own))).isPositive();

    List<String> maintained = maintain(spark, catalog, KEEP_TOMBSTONES);
    assertThat(maintained)
        .containsExactly(
            "fact_orders",
            StateStore.filesTable("fact_orders"),
            StateStore.ownTable("fact_orders"));
    Table state = table(spark, catalog, own);
    assertThat(deleteFiles(state)).isZero();
    assertThat(state.currentSnapshot().operation()).isEqualTo(DataOperations.REPLACE);
    assertThat(tombstones(spark, catalog, own)).isEqualTo(6);

    // The next run reads the compacted state and fast-forwards from it: no full rebuild.
    bronze.write(
        "orders",
        "2024/01/17/20240117-000000000.parquet",
        OrdersHistory.orderColumns(true),
        order("U", "2024-01-17 00:00:00.000000", 2, "delivered"),
        order("I", "2024-01-17 00:00:00.000000", 301, "pending"));
    assertThat(run(spark, settings, orders)).isEqualTo(JobResult.Status.PUBLISHED);
    assertThat(operations(table(spark, catalog, own))).contains(DataOperations.REPLACE);
    assertSameAsFullRebuild(spark, settings, orders, true);

    // Tombstones past the horizon go, in a commit that is the state's; nothing else changes.
    maintain(spark, catalog, Duration.ZERO);
    assertThat(tombstones(spark, catalog, own)).isZero();
    assertThat(run(spark, settings, orders)).isEqualTo(JobResult.Status.UP_TO_DATE);
    assertSameAsFullRebuild(spark, settings, orders, true);

    // The horizon's promise, and its limit: an insert older than a dropped delete, arriving
    // late, brings the key back incrementally, where the full rebuild keeps it deleted.
    bronze.write(
        "orders",
        "2024/01/15/20240115-120000000.parquet",
        OrdersHistory.orderColumns(true),
        order("U", "2024-01-15 12:00:00.000000", 50, "confirmed"));
    run(spark, settings, orders);
    assertSameAsFullRebuild(spark, settings, orders, false);
  }

  @Test
  void aDamagedStateStopsTheRunWithTheCommandThatRebuildsIt() {
    SparkSession spark = TestSpark.session();
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    OrdersHistory history = new OrdersHistory(bronze, 100);
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    RunSettings settings =
        RunSettings.of(
                BronzeSettings.withDefaults(bronze.root()), catalog, Contracts.fromDirectory(JOBS))
            .withMode(RunSettings.Mode.INCREMENTAL);
    Contract orders = settings.contracts().get("fact_orders");
    history.writeFullLoad();
    run(spark, settings, orders);
    history.writeNextDay();
    spark.sql("DROP TABLE " + catalog.qualified(StateStore.filesTable("fact_orders")));

    JobResult damaged = JobRuns.runAll(spark, settings, Collections.singletonList(orders)).get(0);

    assertThat(damaged.succeeded()).isFalse();
    assertThat(damaged.failure().map(Throwable::getMessage).orElse(""))
        .contains("The incremental state of fact_orders is damaged")
        .contains(StateStore.filesTable("fact_orders") + " is missing")
        .contains("silver run --job fact_orders --incremental --rebuild-state");
    assertThat(run(spark, settings.withMode(RunSettings.Mode.REBUILD_STATE), orders))
        .isEqualTo(JobResult.Status.PUBLISHED);
    assertThat(run(spark, settings, orders)).isEqualTo(JobResult.Status.UP_TO_DATE);
    assertSameAsFullRebuild(spark, settings, orders, true);
  }

  private static JobResult.Status run(SparkSession spark, RunSettings settings, Contract job) {
    JobResult result = JobRuns.runAll(spark, settings, Collections.singletonList(job)).get(0);
    assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
    return result.status();
  }

  private static List<String> maintain(
      SparkSession spark, CatalogSettings catalog, Duration tombstoneHorizon) {
    Maintenance maintenance =
        new Maintenance(spark, catalog, Clock.systemUTC(), "maintain-state", tombstoneHorizon);
    List<String> tables = maintenance.existing(Collections.singletonList("fact_orders"));
    List<MaintenanceReport> reports = maintenance.maintainAll(tables, table -> EAGER, report -> {});
    assertThat(reports)
        .allSatisfy(
            report -> assertThat(report.succeeded()).as(String.valueOf(report.failure())).isTrue());
    return tables;
  }

  private static void assertSameAsFullRebuild(
      SparkSession spark, RunSettings settings, Contract job, boolean same) {
    List<Verification.Difference> differences = Verification.verify(spark, settings, job);
    assertThat(differences.get(0).same()).as("fact_orders equals its full rebuild").isEqualTo(same);
    assertThat(differences.get(1).same()).as("its quarantine equals the rebuild's").isTrue();
  }

  private static long tombstones(SparkSession spark, CatalogSettings catalog, String own) {
    return spark.table(catalog.qualified(own)).where("_state_outcome = 'deleted'").count();
  }

  private static Table table(SparkSession spark, CatalogSettings catalog, String name) {
    return new SilverTables(spark, catalog).require(name, "test");
  }

  private static long deleteFiles(Table table) {
    return Long.parseLong(
        table
            .currentSnapshot()
            .summary()
            .getOrDefault(SnapshotSummary.TOTAL_DELETE_FILES_PROP, "0"));
  }

  private static List<String> operations(Table table) {
    List<String> operations = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      operations.add(snapshot.operation());
    }
    return operations;
  }

  private static Object[] order(String op, String commit, int id, String status) {
    return row(
        op,
        commit,
        id,
        id % 97,
        OrdersHistory.orderDate(id),
        status,
        Instant.parse(commit.replace(' ', 'T').substring(0, 19) + "Z"));
  }
}
