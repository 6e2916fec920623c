package dev.dmssilver.cli;

import dev.dmssilver.SilverException;
import dev.dmssilver.demo.DemoOptions;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The shape of generated demo Bronze, whatever its size: seed, dates and CDC file spans. */
final class GeneratorShapeOptions {
  @Option(
      names = "--seed",
      defaultValue = "" + DemoOptions.SEED_DEFAULT,
      paramLabel = "N",
      description = "Random seed; the same options always write the same files.")
  long seed;

  @Option(
      names = "--start-date",
      defaultValue = "2024-01-01",
      paramLabel = "YYYY-MM-DD",
      description = "Day of the full load; CDC follows. Default: ${DEFAULT-VALUE}.")
  LocalDate start;

  @Option(
      names = "--cdc-days",
      defaultValue = "" + DemoOptions.CDC_DAYS_DEFAULT,
      paramLabel = "N",
      description = "Days of CDC after the full load. Default: ${DEFAULT-VALUE}.")
  int cdcDays;

  @Option(
      names = "--cdc-file-minutes",
      defaultValue = "" + DemoOptions.CDC_FILE_MINUTES_DEFAULT,
      paramLabel = "N",
      description = "Minutes of changes per CDC file. Default: ${DEFAULT-VALUE}.")
  int cdcFileMinutes;

  /**
   * Generator options of this shape for about {@code events} events; options the generator cannot
   * honour are a settings error (exit 2), not a crash.
   */
  DemoOptions options(long events) {
    try {
      return new DemoOptions(events, seed, start, cdcDays, cdcFileMinutes);
    } catch (IllegalArgumentException e) {
      throw new SilverException(SilverException.Kind.CONFIGURATION, e.getMessage(), e);
    }
  }
}
