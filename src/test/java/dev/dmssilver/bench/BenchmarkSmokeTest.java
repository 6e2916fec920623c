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

  private String generateBronze() {
    String bronze = folder.resolve("bronze").toString();
    DemoGenerator.generate(
        new Configuration(),
        bronze,
        new DemoOptions(
            20_000, 7, LocalDate.of(2024, 1, 1), 5, DemoOptions.CDC_FILE_MINUTES_DEFAULT));
    return bronze;
  }

  private RunSettings settings(String bronze, String warehouse) {
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve(warehouse));
    return RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, CONTRACTS)
        .acceptingGateFailures();
  }

  private static long silverSnapshots(RunSettings settings) {
    return Tables.snapshotCount(TestSpark.session(), settings.catalog().qualified("fact_orders"));
  }
}
