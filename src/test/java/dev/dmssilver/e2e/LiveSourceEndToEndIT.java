package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.capture.CaptureReport;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.dms.DmsEndpointSettings;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.testing.LiveScenario;
import dev.dmssilver.testing.LiveSourceOracle;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real source, end to end: the seed's DDL in a live PostgreSQL, a seeded random workload,
 * captures as DMS takes them, the six jobs, and then {@code SELECT} on the source as the oracle.
 * Every source row must be in exactly one of Silver (equal column by column) or quarantine, no
 * deleted key anywhere, and quarantine must hold exactly the rows that break a rule.
 *
 * <p>Seeds: {@code -Dsilver.e2e.seeds=N} runs N of them (default 2); {@code -Dsilver.e2e.seed=S}
 * replays one. A failure names its seed.
 */
class LiveSourceEndToEndIT {
  @TempDir static Path folder;
  private static LocalPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = LocalPostgres.start("postgres_admin");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  static Stream<Long> seeds() {
    String replay = System.getProperty("silver.e2e.seed");
    if (replay != null) {
      return Stream.of(Long.parseLong(replay));
    }
    int count = Integer.getInteger("silver.e2e.seeds", 2);
    return LongStream.rangeClosed(1, count).boxed();
  }

  /**
   * The seed's endpoint writes no deletes, so Silver keeps a deleted row's last image: the oracle
   * is the source plus the graveyard. A capture stops between writing and confirming a batch (DMS
   * re-delivers), and one table's CDC files arrive after newer ones.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theSeedsEndpointGivesTheSourceWithEachDeletedRowsLastImage(long seed) throws Exception {
    Path work = folder.resolve("seed-endpoint-" + seed);
    try (LiveScenario scenario =
        new LiveScenario(postgres, "seed_endpoint_" + seed, seed, work, DmsEndpoint.seed(), null)) {
      CatalogSettings incremental = TestSpark.newLakehouse(work.resolve("incremental"));
      scenario.workload().seed(60, 20, 80);
      scenario.capture();
      scenario.workload().run(400);
      scenario.captureStoppingAfterTheFirstBatch();
      CaptureReport again = scenario.capture();
      assertThat(again.warnings())
          .anyMatch(warning -> warning.contains("deletes were read but not written"));
      runIncrementally(scenario, incremental);
      List<Path> late = scenario.holdBack("orders");
      scenario.workload().run(400);
      scenario.capture();
      runIncrementally(scenario, incremental);
      scenario.arriveLate("orders", late);

      assertSilverIsTheSource(scenario, seed, work, true, true);
      assertLakehouseIsTheSource(
          scenario, seed, incremental, runIncrementally(scenario, incremental), true, true);
    }
  }

  /**
   * An endpoint that writes deletes, microsecond timestamps, a change sequence, Op only in CDC and
   * hourly date folders: Silver is the source exactly. The connection drops mid-stream, and a
   * reloaded full load replaces the first.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anEndpointThatWritesDeletesGivesTheSourceExactly(long seed) throws Exception {
    Path work = folder.resolve("full-cdc-" + seed);
    DmsEndpoint endpoint =
        DmsEndpointSettings.seedWith(
            Map.of(
                "cdc_inserts_and_updates", "false",
                "include_op_for_full_load", "false",
                "parquet_timestamp_in_millisecond", "false",
                "date_partition_sequence", "YYYYMMDDHH",
                "compression_type", "NONE"));
    try (LiveScenario scenario =
        new LiveScenario(postgres, "full_cdc_" + seed, seed, work, endpoint, "_dms_change_seq")) {
      CatalogSettings incremental = TestSpark.newLakehouse(work.resolve("incremental"));
      scenario.workload().seed(60, 20, 80);
      scenario.capture();
      scenario.workload().run(300);
      CaptureReport resumed = scenario.captureLosingTheConnectionOnce();
      assertThat(resumed.warnings()).anyMatch(warning -> warning.contains("connection was lost"));
      runIncrementally(scenario, incremental);
      scenario.workload().run(200);
      CaptureReport reload = scenario.reload();
      assertThat(reload.tookFullLoad()).isTrue();
      runIncrementally(scenario, incremental);
      scenario.workload().run(300);
      List<Path> late = scenario.holdBack("order_items");
      scenario.workload().run(200);
      scenario.capture();
      runIncrementally(scenario, incremental);
      scenario.arriveLate("order_items", late);

      assertSilverIsTheSource(scenario, seed, work, false, false);
      assertLakehouseIsTheSource(
          scenario, seed, incremental, runIncrementally(scenario, incremental), false, false);
    }
  }

  /**
   * DMS's default stamps each full-load row with its transfer time: changes committed while the
   * load runs carry earlier times than the stale rows transferred after them, and must still win.
   * Tables load one after another, so the changes come once the last one (shipments) has
   * transferred its first row: no table is then inside the window no rule can close (after the
   * task's start, before its first row).
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void changesCommittedWhileTheLoadRunsWinOverItsTransferStampedRows(long seed) throws Exception {
    Path work = folder.resolve("load-overlap-" + seed);
    try (LiveScenario scenario =
        new LiveScenario(postgres, "load_overlap_" + seed, seed, work, DmsEndpoint.seed(), null)) {
      scenario.workload().seed(60, 20, 80);
      scenario.workload().run(200);
      scenario.captureWithChangesDuringTheLoad("public.shipments", 40);
      scenario.workload().run(200);
      scenario.capture();

      assertSilverIsTheSource(scenario, seed, work, true, true);
    }
  }

  /**
   * With use_task_start_time_for_full_load_timestamp, every full-load row is stamped with the
   * task's start: changes win even when committed before any row was transferred.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void withTaskStartStampsChangesFromTheVeryStartOfTheLoadWin(long seed) throws Exception {
    Path work = folder.resolve("task-start-" + seed);
    DmsEndpoint endpoint =
        DmsEndpointSettings.seedWith(Map.of("use_task_start_time_for_full_load_timestamp", "true"));
    try (LiveScenario scenario =
        new LiveScenario(postgres, "task_start_" + seed, seed, work, endpoint, null)) {
      scenario.workload().seed(60, 20, 80);
      scenario.workload().run(200);
      scenario.captureWithChangesDuringTheLoad("public.customers", 40);
      scenario.workload().run(200);
      scenario.capture();

      assertSilverIsTheSource(scenario, seed, work, true, true);
    }
  }

  /**
   * Runs the six jobs incrementally into {@code catalog}, as a schedule would after a capture (once
   * every table has CDC: a table the workload has not touched yet has no Bronze folder, and its job
   * fails either way); the last such run's lakehouse must be the source as the full rebuild's is.
   */
  private static List<JobResult> runIncrementally(LiveScenario scenario, CatalogSettings catalog) {
    List<JobResult> results = scenario.runJobs(catalog, RunSettings.Mode.INCREMENTAL);
    for (JobResult result : results) {
      assertThat(result.failure()).as("incremental " + result.table()).isEmpty();
    }
    return results;
  }

  private static void assertSilverIsTheSource(
      LiveScenario scenario, long seed, Path work, boolean keepsDeletedRows, boolean milliseconds)
      throws Exception {
    CatalogSettings catalog = TestSpark.newLakehouse(work.resolve("warehouse"));
    assertLakehouseIsTheSource(
        scenario, seed, catalog, scenario.runJobs(catalog), keepsDeletedRows, milliseconds);
  }

  private static void assertLakehouseIsTheSource(
      LiveScenario scenario,
      long seed,
      CatalogSettings catalog,
      List<JobResult> results,
      boolean keepsDeletedRows,
      boolean milliseconds)
      throws Exception {
    String replay = "seed " + seed + " (replay with -Dsilver.e2e.seed=" + seed + ")";
    for (JobResult result : results) {
      assertThat(result.failure()).as(replay + ": " + result.table()).isEmpty();
    }
    LiveSourceOracle oracle =
        new LiveSourceOracle(scenario.connection(), keepsDeletedRows, milliseconds);
    long source = 0;
    long silver = 0;
    long quarantined = 0;
    List<String> differences = new ArrayList<>();
    for (String table : LiveSourceOracle.silverTables()) {
      Map<String, String> expected = oracle.expected(table);
      Map<String, String> actual = oracle.silver(TestSpark.session(), catalog.qualified(table));
      TreeSet<String> inQuarantine =
          LiveSourceOracle.quarantined(TestSpark.session(), catalog.qualified("quarantine"), table);
      source += expected.size();
      silver += actual.size();
      quarantined += inQuarantine.size();
      for (Map.Entry<String, String> row : expected.entrySet()) {
        boolean inSilver = actual.containsKey(row.getKey());
        if (inSilver == inQuarantine.contains(row.getKey())) {
          differences.add(
              table
                  + " key "
                  + row.getKey()
                  + (inSilver
                      ? ": in both Silver and quarantine"
                      : ": in neither Silver nor quarantine"));
        } else if (inSilver && !actual.get(row.getKey()).equals(row.getValue())) {
          differences.add(
              table + ": source " + row.getValue() + " but Silver " + actual.get(row.getKey()));
        }
      }
      for (String key : actual.keySet()) {
        if (!expected.containsKey(key)) {
          differences.add(table + " key " + key + " is in Silver but not in the source");
        }
      }
      for (String key : inQuarantine) {
        if (!expected.containsKey(key)) {
          differences.add(table + " key " + key + " is in quarantine but not in the source");
        }
      }
      assertThat(inQuarantine)
          .as(replay + ": " + table + " quarantine holds exactly the rows that break a rule")
          .isEqualTo(oracle.breakingRules(table));
    }
    String summary =
        String.format(
            "%s: source %,d rows = silver %,d + quarantine %,d; %,d differences",
            replay, source, silver, quarantined, differences.size());
    System.out.println(summary);
    assertThat(differences).as(summary + "\n" + scenario.log()).isEmpty();
    assertThat(source).isEqualTo(silver + quarantined);
    assertThat(quarantined).as("the workload breaks some rules").isPositive();
  }
}
