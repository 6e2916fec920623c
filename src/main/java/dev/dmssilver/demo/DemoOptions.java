package dev.dmssilver.demo;

import java.time.LocalDate;

/** How much Bronze the demo generator writes, and over which days. */
public final class DemoOptions {
  public static final long EVENTS_DEFAULT = 100_000;
  public static final long SEED_DEFAULT = 42;
  public static final LocalDate START_DEFAULT = LocalDate.of(2024, 1, 1);
  public static final int CDC_DAYS_DEFAULT = 7;
  public static final int CDC_FILE_MINUTES_DEFAULT = 240;

  private final long events;
  private final long seed;
  private final LocalDate start;
  private final int cdcDays;
  private final int cdcFileMinutes;

  public DemoOptions(long events, long seed, LocalDate start, int cdcDays, int cdcFileMinutes) {
    if (events < 1_000) {
      throw new IllegalArgumentException(
          "Cannot generate fewer than 1,000 events (--events " + events + ")");
    }
    if (cdcDays < 5) {
      throw new IllegalArgumentException(
          "Cannot generate fewer than 5 days of CDC (--cdc-days " + cdcDays + ")");
    }
    if (cdcFileMinutes < 1 || 1440 % cdcFileMinutes != 0) {
      throw new IllegalArgumentException(
          "Cannot split days into CDC files of "
              + cdcFileMinutes
              + " minutes (--cdc-file-minutes): must divide 1440");
    }
    this.events = events;
    this.seed = seed;
    this.start = start;
    this.cdcDays = cdcDays;
    this.cdcFileMinutes = cdcFileMinutes;
  }

  public static DemoOptions withEvents(long events) {
    return new DemoOptions(
        events, SEED_DEFAULT, START_DEFAULT, CDC_DAYS_DEFAULT, CDC_FILE_MINUTES_DEFAULT);
  }

  /** Roughly how many events (rows across all Bronze files) to write. */
  public long events() {
    return events;
  }

  public long seed() {
    return seed;
  }

  /** The day the full load runs and CDC starts, at midnight UTC. */
  public LocalDate start() {
    return start;
  }

  public int cdcDays() {
    return cdcDays;
  }

  public int cdcFileMinutes() {
    return cdcFileMinutes;
  }
}
