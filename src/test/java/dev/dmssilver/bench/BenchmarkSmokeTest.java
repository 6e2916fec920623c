package dev.dmssilver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark works end to end on a small generated Bronze and counts passes over Bronze. No
 * timing is asserted: timings are the benchmark's output, never a test's pass mark.
 */
class BenchmarkSmokeTest {
  private static final Contracts CONTRACTS =
      Contracts.fromDirectory(Paths.get(System.getProperty("user.dir"), "jobs"));

  @TempDir Path folder;

  @Test
  void everyVariantRunsAndTheSilverJobReadsBronzeExactlyOnce() {
    String bronze = generateBronze();
    RunSettings settings = settings(bronze, "warehouse");

    List<Measurement> measurements =
        new Benchmark(TestSpark.session(), settings)
            .run(CONTRACTS.get("fact_orders"), Arrays.asList(BenchVariant.values()));

    assertThat(measurements)
        .extracting(measurement -> measurement.variant())
        .containsExactly(BenchVariant.values());
    assertThat(measurements)
        .allSatisfy(measurement -> assertThat(measurement.events()).isPositive());
    assertThat(measurements)
        .allSatisfy(measurement -> assertThat(measurement.seconds()).isPositive());
    assertThat(measurements)
        .allSatisfy(measurement -> assertThat(measurement.taskCpuSeconds()).isPositive());
    assertThat(measurements)
        .extracting(Measurement::bronzePasses)
        .containsExactly(1.0, 1.0, 1.0, 2.0);
  }

  @Test
  void theWarmUpRoundsRunEveryVariantUntimedAndCanBeTurnedOff() {
    String bronze = generateBronze();
    RunSettings warm = settings(bronze, "warm");
    RunSettings cold = settings(bronze, "cold");
    List<BenchVariant> silverOnly = Arrays.asList(BenchVariant.SILVER_JOB);

    new Benchmark(TestSpark.session(), warm).run(CONTRACTS.get("fact_orders"), silverOnly, 2, 2);
    new Benchmark(TestSpark.session(), cold).run(CONTRACTS.get("fact_orders"), silverOnly, 2, 0);

    // Each Silver run commits one snapshot: the warm run ran the job four times, the cold one two.
    assertThat(silverSnapshots(warm) - silverSnapshots(cold)).isEqualTo(2);
  }

  @Test
  void everyRoundRunsEverySizeInTurnAndEachSizeKeepsItsOwnFigures() {
    String larger = generateBronze("larger", 20_000);
    String smaller = generateBronze("smaller", 8_000);
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("sizes"));
    List<RunSettings> sizes = Arrays.asList(settings(larger, catalog), settings(smaller, catalog));

    List<List<Measurement>> bySize =
        new Benchmark(TestSpark.session(), sizes)
            .runEachSize(
                CONTRACTS.get("fact_orders"), Arrays.asList(BenchVariant.SILVER_JOB), 2, 1);

    assertThat(bySize).hasSize(2);
    long largerEvents = bySize.get(0).get(0).events();
    long smallerEvents = bySize.get(1).get(0).events();
    assertThat(largerEvents).isGreaterThan(smallerEvents);
    // Each run's snapshot records the Bronze events it read: one warm-up round, then two timed
    // rounds, each of both sizes in turn, larger first.
    List<Long> eventsByRun =
        TestSpark.session()
            .sql(
                "SELECT summary['silver.bronze-events'] FROM "
                    + catalog.qualified("fact_orders")
                    + ".snapshots WHERE summary['silver.bronze-events'] IS NOT NULL"
                    + " ORDER BY committed_at")
            .collectAsList()
            .stream()
            .map(row -> Long.parseLong(row.getString(0)))
            .collect(Collectors.toList());
    assertThat(eventsByRun)
        .containsExactly(
            largerEvents, smallerEvents, largerEvents, smallerEvents, largerEvents, smallerEvents);
  }

  private String generateBronze() {
    return generateBronze("bronze", 20_000);
  }

  private String generateBronze(String name, long events) {
    String bronze = folder.resolve(name).toString();
    DemoGenerator.generate(
        new Configuration(),
        bronze,
        new DemoOptions(
            events, 7, LocalDate.of(2024, 1, 1), 5, DemoOptions.CDC_FILE_MINUTES_DEFAULT));
    return bronze;
  }

  private RunSettings settings(String bronze, String warehouse) {
    return settings(bronze, TestSpark.newLakehouse(folder.resolve(warehouse)));
  }

  private static RunSettings settings(String bronze, CatalogSettings catalog) {
    return RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, CONTRACTS)
        .acceptingGateFailures();
  }

  private static long silverSnapshots(RunSettings settings) {
    return Tables.snapshotCount(TestSpark.session(), settings.catalog().qualified("fact_orders"));
  }
}
