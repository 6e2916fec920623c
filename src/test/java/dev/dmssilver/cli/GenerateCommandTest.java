package dev.dmssilver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generator options it cannot honour are settings errors, refused before a file is written. */
class GenerateCommandTest {
  @TempDir Path folder;

  private String[] generate(String... options) {
    String[] arguments = new String[options.length + 3];
    arguments[0] = "generate";
    arguments[1] = "--bronze";
    arguments[2] = folder.resolve("bronze").toString();
    System.arraycopy(options, 0, arguments, 3, options.length);
    return CommandLineRun.run(arguments);
  }

  @Test
  void tooFewDaysOfCdcIsASettingsError() {
    String[] result = generate("--cdc-days", "2");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1])
        .contains("Cannot generate fewer than 5 days of CDC (--cdc-days 2)")
        .doesNotContain("IllegalArgumentException");
    assertThat(folder.resolve("bronze")).doesNotExist();
  }

  @Test
  void tooFewEventsIsASettingsError() {
    String[] result = generate("--events", "10");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).contains("Cannot generate fewer than 1,000 events (--events 10)");
    assertThat(folder.resolve("bronze")).doesNotExist();
  }

  @Test
  void cdcFilesThatDoNotDivideADayAreASettingsError() {
    String[] result = generate("--cdc-file-minutes", "7");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1])
        .contains("Cannot split days into CDC files of 7 minutes (--cdc-file-minutes)");
    assertThat(folder.resolve("bronze")).doesNotExist();
  }
}
