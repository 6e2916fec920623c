package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.testing.SilverProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small smoke run of bin/silver bench: it works and prints its ratios. Timings are not judged.
 */
class BenchCommandIT {
  @TempDir Path folder;

  @Test
  void printsEveryVariantWithRatiosToTheCopyFloorAndPassesOverBronze() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder, Map.of(), "bench", "--events", "5000", "--dir", folder.resolve("b").toString());
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    assertThat(bench.stdout())
        .contains("fact_orders: ")
        .contains("x copy floor", "events/s", "task CPU s", "peak heap", "peak RSS", "spilled")
        .contains("Bronze passes")
        .containsPattern("copy floor +[0-9.]+ +[0-9,]+ +1\\.00 ")
        .containsPattern("silver job +[0-9.]+ +[0-9,]+ +[0-9]+\\.[0-9]{2} .* 1\\.00\\n")
        .containsPattern("old algorithm .* 2\\.00\\n")
        .containsPattern(
            "silver job: [0-9]+\\.[0-9]{2}x the copy floor, [0-9]+\\.[0-9]{2}x faster than the old"
                + " algorithm; task CPU [0-9]+\\.[0-9]{2}x the copy floor's, [0-9]+\\.[0-9]{2}x the"
                + " old algorithm's");
  }

  @Test
  void jsonGivesTheSameFiguresForMachines() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--events",
            "5000",
            "--dir",
            folder.resolve("b").toString(),
            "--json");
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    JsonNode figures = new ObjectMapper().readTree(bench.stdout());
    JsonNode job = figures.get("jobs").get(0);
    assertThat(job.get("table").asText()).isEqualTo("fact_orders");
    assertThat(job.get("events").asLong()).isPositive();
    List<String> variants = new ArrayList<>();
    for (JsonNode variant : job.get("variants")) {
      variants.add(variant.get("variant").asText());
      assertThat(variant.get("seconds").asDouble()).isPositive();
      assertThat(variant.get("ratio_to_copy_floor").asDouble()).isPositive();
      assertThat(variant.get("task_cpu_seconds").asDouble()).isPositive();
    }
    assertThat(variants).containsExactly("scan floor", "copy floor", "silver job", "old algorithm");
    assertThat(job.get("variants").get(1).get("ratio_to_copy_floor").asDouble()).isEqualTo(1.0);
    assertThat(job.get("variants").get(2).get("bronze_passes").asDouble()).isEqualTo(1.0);
  }

  @Test
  void severalSizesAddAScalingTableForTheSilverJob() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--events",
            "3000,6000",
            "--variants",
            "silver",
            "--repeat",
            "2",
            "--dir",
            folder.resolve("b").toString());
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    assertThat(bench.stdout())
        .doesNotContainPattern("(?m)^(copy floor|old algorithm|scan floor) ")
        .contains("Scaling, fact_orders, silver job:")
        .contains("s per M events", "x smallest", "CPU s per M", "CPU x smallest")
        .containsPattern("\\n *[0-9,]+ +[0-9.]+ +[0-9.]+ +1\\.00 ")
        .containsPattern(
            "As a line through these sizes \\(least squares\\): wall -?[0-9.]+ s \\+ -?[0-9.]+ s per"
                + " M events \\(largest miss [0-9]+%\\); task CPU -?[0-9.]+ s \\+ -?[0-9.]+ s per M"
                + " events \\(largest miss [0-9]+%\\)");
    assertThat(
            bench
                .stdout()
                .split("Scaling")[1]
                .lines()
                .filter(line -> line.matches(" *[0-9][0-9,]* .*")))
        .hasSize(2);
  }

  @Test
  void severalBronzeFoldersAreSizesOfOneHistoryMeasuredLargestFirstWithTheLineThroughThem()
      throws Exception {
    List<String> folders = new ArrayList<>();
    for (int events : new int[] {10_000, 20_000}) {
      Path bronze = folder.resolve("bronze-" + events);
      SilverProcess generate =
          SilverProcess.start(
              folder,
              Map.of(),
              "generate",
              "--events",
              Integer.toString(events),
              "--bronze",
              bronze.toString());
      assertThat(generate.waitFor()).as(generate.stderr()).isZero();
      folders.add(bronze.toString());
    }

    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--bronze",
            String.join(",", folders),
            "--variants",
            "silver",
            "--dir",
            folder.resolve("b").toString(),
            "--json");
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    // Given smallest first, it measures the largest first (warm for the small one), and reports
    // the smallest first.
    String progress = bench.stderr();
    assertThat(progress).contains(folders.get(0), folders.get(1));
    assertThat(progress.indexOf(folders.get(1) + "/public/orders"))
        .isLessThan(progress.indexOf(folders.get(0) + "/public/orders"));
    JsonNode figures = new ObjectMapper().readTree(bench.stdout());
    JsonNode jobs = figures.get("jobs");
    assertThat(jobs).hasSize(2);
    long smaller = jobs.get(0).get("events").asLong();
    long larger = jobs.get(1).get("events").asLong();
    assertThat(larger).isGreaterThan(smaller);

    JsonNode scaling = figures.get("scaling");
    assertThat(scaling).hasSize(1);
    assertThat(scaling.get(0).get("table").asText()).isEqualTo("fact_orders");
    assertThat(scaling.get(0).get("variant").asText()).isEqualTo("silver job");
    // Through two sizes the line is exact: it gives back each size's own seconds. Each line's
    // name, and the variant figure it is fitted to:
    Map<String, String> lines =
        Map.of("wall_seconds", "seconds", "task_cpu_seconds", "task_cpu_seconds");
    for (Map.Entry<String, String> fitted : lines.entrySet()) {
      String figure = fitted.getKey();
      String measured = fitted.getValue();
      JsonNode line = scaling.get(0).get(figure);
      for (JsonNode job : jobs) {
        double predicted =
            line.get("fixed_seconds").asDouble()
                + line.get("seconds_per_million_events").asDouble()
                    * job.get("events").asLong()
                    / 1e6;
        assertThat(predicted)
            .as(figure)
            .isCloseTo(job.get("variants").get(0).get(measured).asDouble(), within(1e-6));
      }
      assertThat(line.get("largest_miss").asDouble()).as(figure).isLessThan(1e-6);
    }
  }

  @Test
  void freshProcessesTimeEachRunAsAWholeProcessAndKeepItsOwnTimeBeside() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--events",
            "3000",
            "--variants",
            "copy,silver",
            "--fresh-processes",
            "--dir",
            folder.resolve("b").toString(),
            "--json");
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    JsonNode figures = new ObjectMapper().readTree(bench.stdout());
    assertThat(figures.get("whole_processes").asBoolean()).isTrue();
    JsonNode variants = figures.get("jobs").get(0).get("variants");
    assertThat(variants).hasSize(2);
    for (JsonNode variant : variants) {
      // A whole process includes starting the JVM and Spark, which the run inside it does not.
      assertThat(variant.get("in_process_seconds").asDouble()).isPositive();
      assertThat(variant.get("seconds").asDouble())
          .isGreaterThan(variant.get("in_process_seconds").asDouble());
    }
    assertThat(variants.get(0).get("variant").asText()).isEqualTo("copy floor");
    assertThat(variants.get(1).get("variant").asText()).isEqualTo("silver job");
    assertThat(variants.get(1).get("bronze_passes").asDouble()).isEqualTo(1.0);
    // Each child prints its progress on stderr, as a job run alone would.
    assertThat(bench.stderr()).containsPattern("\\[fact_orders [^]]+] published snapshot");
  }

  @Test
  void incrementalEventsApplyTheSameIncrementAtEverySizeBesideTheFullRebuild() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--events",
            "4000,8000",
            "--incremental-events",
            "200",
            "--repeat",
            "1",
            "--dir",
            folder.resolve("b").toString());
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    String figures = bench.stdout();
    assertThat(figures)
        .contains("Incremental run of the newest 200 of the job's events at every size")
        .contains("Processes are bin/silver run; the process ratio is to the faster full rebuild")
        .containsPattern("The increment's cost from [0-9,]+ to [0-9,]+ events of history");
    // One row per size: its events, the increment (whole files, so at least 200), the full and
    // incremental runs warm, the full rebuild's two processes and the incremental one, two ratios,
    // and the months overwrite (fact_orders is partitioned by month).
    List<long[]> sizes = new ArrayList<>();
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile(
                "(?m)^ *([0-9,]+) +([0-9,]+) +[0-9.]+ s +[0-9.]+ s +[0-9.]+x +([0-9.]+) s +([0-9.]+) s"
                    + " +([0-9.]+) s +([0-9.]+)x +[0-9.]+ s$")
            .matcher(figures);
    while (row.find()) {
      sizes.add(
          new long[] {
            Long.parseLong(row.group(1).replace(",", "")),
            Long.parseLong(row.group(2).replace(",", ""))
          });
      // The process ratio is to the faster of the full rebuild's processes (printed rounded).
      double fastestFull =
          Math.min(Double.parseDouble(row.group(3)), Double.parseDouble(row.group(4)));
      assertThat(Double.parseDouble(row.group(6)))
          .isCloseTo(Double.parseDouble(row.group(5)) / fastestFull, within(0.03));
    }
    assertThat(sizes).as(figures).hasSize(2);
    for (long[] size : sizes) {
      assertThat(size[1]).isGreaterThanOrEqualTo(200).isLessThan(size[0] / 4);
    }
    assertThat(sizes.get(0)[0]).isNotEqualTo(sizes.get(1)[0]);
    // The processes are bin/silver run as a user starts it, with its own JIT and archive, not
    // copies of the benchmark's JVM.
    assertThat(Files.readString(folder.resolve("b").resolve("children.log")))
        .containsPattern(
            "(?m)^\\$ /\\S+/bin/silver run --job fact_orders --bronze \\S+ --warehouse \\S+ --incremental$")
        .containsPattern(
            "(?m)^\\$ /\\S+/bin/silver run --job fact_orders --bronze \\S+ --warehouse \\S+$")
        .containsPattern(
            "(?m)^\\$ SILVER_JIT=full /\\S+/bin/silver run --job fact_orders --bronze \\S+"
                + " --warehouse \\S+$");
  }

  @Test
  void anIncrementGivenBothWaysIsRefusedBeforeAnyWork() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--incremental",
            "0.01",
            "--incremental-events",
            "500",
            "--dir",
            folder.resolve("b").toString());
    assertThat(bench.waitFor()).isEqualTo(2);
    assertThat(bench.stderr())
        .contains("--incremental and --incremental-events exclude each other");
    assertThat(folder.resolve("b")).doesNotExist();
  }

  @Test
  void anUnknownVariantIsRefusedByName() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder, Map.of(), "bench", "--variants", "silver,fastest", "--dir", folder.toString());
    assertThat(bench.waitFor()).isEqualTo(2);
    assertThat(bench.stderr()).contains("No benchmark variant fastest");
  }
}
