package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.demo.GeneratedShop;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.testing.SnapshotHistory;
import dev.dmssilver.testing.SourceOracle;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All six jobs, run concurrently over generated DMS Bronze (full load, a week of CDC, deletes,
 * re-inserts, schema drift, a task restart with a second full load and re-sent CDC). The expected
 * tables come from the generator's simulated source database, not from the code under test: its
 * final rows are what CDC resolution must rebuild, and the contracts' rules are restated here in
 * plain Java.
 */
class SixJobsEndToEndIT {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  @TempDir static Path folder;
  private static SparkSession spark;
  private static GeneratedShop shop;
  private static CatalogSettings catalog;
  private static Contracts contracts;
  private static List<JobResult> results;
  private static List<JobResult> firstResults;
  private static final Map<String, List<String>> FIRST_RUN = new HashMap<>();

  /** Runs all six jobs twice over the same Bronze; the tests look at both runs. */
  @BeforeAll
  static void runAllSixJobsTwice() {
    spark = TestSpark.session();
    String bronze = folder.resolve("bronze").toString();
    shop = DemoGenerator.generateShop(new Configuration(), bronze, DemoOptions.withEvents(20_000));
    catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    contracts = Contracts.fromDirectory(JOBS);
    List<Contract> all = new ArrayList<>(contracts.all());
    firstResults =
        JobRuns.runAll(
            spark, RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, contracts), all);
    for (String table : tablesIncludingQuarantine()) {
      FIRST_RUN.put(table, contentOf(table));
    }
    results =
        JobRuns.runAll(
            spark, RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, contracts), all);
  }

  @Test
  void aSecondRunOverTheSameBronzeGivesIdenticalTablesAndOneNewSnapshotPerJob() {
    for (String table : tablesIncludingQuarantine()) {
      assertThat(contentOf(table)).as(table).isEqualTo(FIRST_RUN.get(table));
    }
    // Each run adds one snapshot, and the shared quarantine table one per job per run.
    for (Contract contract : contracts.all()) {
      assertThat(Tables.snapshotCount(spark, catalog.qualified(contract.table())))
          .as(contract.table())
          .isEqualTo(2);
    }
    assertThat(Tables.snapshotCount(spark, catalog.qualified("quarantine"))).isEqualTo(2 * 6);
  }

  @Test
  void eachTablesFirstSnapshotIsTheFirstRunsRowsUnderItsRunId() {
    for (JobResult result : firstResults) {
      String name = catalog.qualified(result.table());
      long first = SnapshotHistory.requireEveryCommitToBeARun(spark, name);
      assertThat(first).as(name).isEqualTo(result.publication().orElseThrow().silverSnapshotId());
      assertThat(Tables.lines(spark.read().option("snapshot-id", first).table(name), "*"))
          .as(name + " at its first snapshot")
          .isEqualTo(FIRST_RUN.get(result.table()));
    }
    String quarantine = catalog.qualified("quarantine");
    long first = SnapshotHistory.requireEveryCommitToBeARun(spark, quarantine);
    List<Long> firstRunQuarantineSnapshots = new ArrayList<>();
    for (JobResult result : firstResults) {
      firstRunQuarantineSnapshots.add(result.publication().orElseThrow().quarantineSnapshotId());
    }
    assertThat(first).as(quarantine).isIn(firstRunQuarantineSnapshots);
  }

  private static List<String> tablesIncludingQuarantine() {
    List<String> tables = new ArrayList<>(contracts.tables());
    tables.add("quarantine");
    return tables;
  }

  /** A table's rows, leaving out what differs between runs by design: run id and time. */
  private static List<String> contentOf(String table) {
    if (table.equals("quarantine")) {
      return Tables.rows(
          spark,
          catalog.qualified(table),
          "table_name",
          "record_key",
          "reasons",
          "record",
          "source_op",
          "source_commit_timestamp",
          "source_file");
    }
    return Tables.rows(spark, catalog.qualified(table), "*");
  }

  @Test
  void everyJobSucceeds() {
    for (JobResult result : results) {
      assertThat(result.failure()).as(result.table()).isEmpty();
    }
  }

  @Test
  void everySilverTableHoldsExactlyTheValidCurrentSourceRows() {
    SourceOracle oracle = new SourceOracle(shop);
    for (Contract contract : contracts.all()) {
      assertThat(SourceOracle.actualSilver(spark, catalog.qualified(contract.table()), contract))
          .as(contract.table())
          .isEqualTo(oracle.silver(contract));
    }
  }

  @Test
  void theQuarantineTableHoldsExactlyTheInvalidCurrentSourceRowsWithTheirReasons() {
    assertThat(SourceOracle.actualQuarantine(spark, catalog.qualified("quarantine")))
        .isEqualTo(new SourceOracle(shop).quarantine(contracts));
  }

  @Test
  void theHistoryExercisesWhatItShould() {
    Map<String, JobResult> byTable = new HashMap<>();
    results.forEach(result -> byTable.put(result.table(), result));

    assertThat(byTable.get("dim_customer").counts().get().deletedKeys()).isPositive();
    // The generator's source ends at the seed's DDL: every Bronze column is a contract's.
    assertThat(byTable.get("dim_customer").bronze().get().ignoredColumns()).isEmpty();
    assertThat(byTable.get("fact_order_items").counts().get().rowsByReason())
        .containsKey("order_exists");
    assertThat(byTable.get("fact_orders").counts().get().quarantinedRows()).isPositive();
    long quarantined = results.stream().mapToLong(r -> r.counts().get().quarantinedRows()).sum();
    long current = results.stream().mapToLong(r -> r.counts().get().currentRows()).sum();
    assertThat((double) quarantined / current).isBetween(0.002, 0.03);
  }
}
