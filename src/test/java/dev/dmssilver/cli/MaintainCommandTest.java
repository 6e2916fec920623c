package dev.dmssilver.cli;

import static dev.dmssilver.cli.CommandLineRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Mistakes in maintenance flags are usage errors, caught before Spark starts or a table is touched.
 */
class MaintainCommandTest {

  @Test
  void aDurationThatIsNotHoursOrDaysIsAUsageError() {
    String[] result =
        run("maintain", "--warehouse", "/nowhere", "--all", "--expire-older-than", "7days");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1])
        .contains("Cannot read duration '7days': expected hours or days, e.g. 12h, 7d or 0d");
  }

  @Test
  void orphansYoungerThanAnHourAreRefused() {
    String[] result =
        run(
            "maintain",
            "--warehouse",
            "/nowhere",
            "--table",
            "fact_orders",
            "--orphan-older-than",
            "0d");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).contains("younger files may belong to a run still writing");
  }

  @Test
  void aTagNeedsExactlyOneOfSnapshotAndAsOf() {
    String[] result =
        run(
            "tag",
            "--warehouse",
            "/nowhere",
            "--table",
            "fact_orders",
            "--name",
            "q1",
            "--snapshot",
            "1",
            "--as-of",
            "2024-01-31");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).contains("mutually exclusive");
  }
}
