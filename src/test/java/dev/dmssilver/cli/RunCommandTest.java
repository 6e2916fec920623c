package dev.dmssilver.cli;

import static dev.dmssilver.cli.CommandLineRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in run flags are usage errors, caught before Spark starts or a table is touched. */
class RunCommandTest {
  @TempDir Path folder;

  @Test
  void aSummaryFileThatCannotBeWrittenIsRefusedBeforeAnyJobRuns() {
    Path summary = folder.resolve("missing").resolve("summary.json");
    Path warehouse = folder.resolve("warehouse");

    String[] result =
        run(
            "run",
            "--job",
            "fact_orders",
            "--bronze",
            folder.resolve("bronze").toString(),
            "--warehouse",
            warehouse.toString(),
            "--summary-json",
            summary.toString());

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1])
        .contains(
            "Cannot write --summary-json " + summary + ": no such folder " + summary.getParent());
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void anUnknownWriteDistributionIsAUsageError() {
    String[] result =
        run(
            "run",
            "--job",
            "fact_orders",
            "--bronze",
            folder.toString(),
            "--warehouse",
            folder.toString(),
            "--write-distribution",
            "sorted");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).contains("--write-distribution", "sorted");
  }
}
