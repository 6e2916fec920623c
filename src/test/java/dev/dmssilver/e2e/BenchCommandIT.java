package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.testing.SilverProcess;
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
            folder,
            Map.of(),
            "bench",
            "--events",
            "20000",
            "--dir",
            folder.resolve("b").toString());
    assertThat(bench.waitFor()).as(bench.stderr()).isZero();

    assertThat(bench.stdout())
        .contains("fact_orders: ")
        .contains("x copy floor", "events/s", "peak heap", "peak RSS", "Bronze passes")
        .containsPattern("copy floor +[0-9.]+ +[0-9,]+ +1\\.00 ")
        .containsPattern("silver job +[0-9.]+ +[0-9,]+ +[0-9]+\\.[0-9]{2} .* 1\\.00\\n")
        .containsPattern("old algorithm .* 2\\.00\\n")
        .containsPattern(
            "silver job: [0-9]+\\.[0-9]{2}x the copy floor, [0-9]+\\.[0-9]{2}x faster than the old"
                + " algorithm");
  }

  @Test
  void jsonGivesTheSameFiguresForMachines() throws Exception {
    SilverProcess bench =
        SilverProcess.start(
            folder,
            Map.of(),
            "bench",
            "--events",
            "20000",
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
    }
    assertThat(variants).containsExactly("scan floor", "copy floor", "silver job", "old algorithm");
    assertThat(job.get("variants").get(1).get("ratio_to_copy_floor").asDouble()).isEqualTo(1.0);
    assertThat(job.get("variants").get(2).get("bronze_passes").asDouble()).isEqualTo(1.0);
  }
}
