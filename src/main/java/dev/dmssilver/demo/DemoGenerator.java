package dev.dmssilver.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * Generates realistic DMS Bronze for the six demo tables: two days of shop history collapsed into a
 * full load, then days of CDC in date folders with order, payment and shipment lifecycles, deletes,
 * re-inserts, schema drift, a DMS task restart (a second full load plus re-sent CDC) and about 1%
 * rows that break a contract rule. The same options always write the same files.
 *
 * <p>It is the data source for the demo, the end-to-end tests and the benchmarks.
 */
public final class DemoGenerator {
  private static final int WARMUP_DAYS = 2;

  /** The DMS task restarts at noon on this day of CDC (counting from 0). */
  private static final int RESTART_DAY = 1;

  // Measured: rows one order leaves in a full load (order, ~2.5 items, payment, shipment), events
  // its lifecycle writes during CDC, and customer and product rows per daily order. Used only to
  // size the shop from the requested event count; about a quarter of events are full-load rows.
  private static final double FULL_LOAD_ROWS_PER_ORDER = 5.5;
  private static final double CDC_EVENTS_PER_ORDER = 13.4;
  private static final double OTHER_ROWS_PER_DAILY_ORDER = 4.0;
  private static final Duration RESENT_BEFORE_RESTART = Duration.ofMinutes(30);

  private DemoGenerator() {}

  public static DemoSummary generate(Configuration conf, String bronzeRoot, DemoOptions options) {
    return generateShop(conf, bronzeRoot, options).summary();
  }

  /**
   * Generates Bronze and keeps the simulated source database: its final rows are the truth that CDC
   * resolution must rebuild, which makes it an independent oracle for end-to-end tests.
   */
  public static GeneratedShop generateShop(
      Configuration conf, String bronzeRoot, DemoOptions options) {
    Instant cdcStart = options.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    SourceTables tables = new SourceTables(cdcStart);
    ShopState state = new ShopState(tables.all());
    Shop shop = new Shop(new Random(options.seed()), tables, state);
    DmsLayout layout = new DmsLayout(conf, bronzeRoot);

    ShopSize size = new ShopSize(options);

    Instant warmupStart = cdcStart.minus(Duration.ofDays(WARMUP_DAYS));
    shop.open(warmupStart, size.customers * 7 / 10, size.products);
    for (int day = 0; day < WARMUP_DAYS; day++) {
      Instant dayStart = warmupStart.plus(Duration.ofDays(day));
      shop.scheduleDay(dayStart, size.ordersPerDay, size.signupsPerDay);
      shop.runUntil(dayStart.plus(Duration.ofDays(1)));
    }
    for (SourceTable table : tables.all()) {
      layout.writeFullLoad(table, cdcStart, state.liveRows(table));
    }

    state.startCapturing();
    Instant restart = cdcStart.plus(Duration.ofDays(RESTART_DAY)).plus(Duration.ofHours(12));
    for (int day = 0; day < options.cdcDays(); day++) {
      Instant dayStart = cdcStart.plus(Duration.ofDays(day));
      Instant dayEnd = dayStart.plus(Duration.ofDays(1));
      shop.scheduleDay(dayStart, size.ordersPerDay, size.signupsPerDay);
      if (!restart.isBefore(dayStart) && restart.isBefore(dayEnd)) {
        shop.runUntil(restart);
        restartTask(layout, tables, state, restart);
      }
      shop.runUntil(dayEnd);
      writeDay(layout, tables, state.drainCaptured(), dayStart, options.cdcFileMinutes());
    }
    return new GeneratedShop(
        new DemoSummary(layout.eventsByTable(), layout.filesByTable(), layout.fullLoadEvents()),
        tables,
        state);
  }

  /** How big a shop makes about {@code options.events()} events in all. */
  private static final class ShopSize {
    final int ordersPerDay;
    final int customers;
    final int signupsPerDay;
    final int products;

    ShopSize(DemoOptions options) {
      int days = WARMUP_DAYS + options.cdcDays();
      // Two full loads: the first holds the warm-up days' orders, the restart's also those of the
      // CDC days before it.
      double fullLoadDays = 2 * WARMUP_DAYS + RESTART_DAY + 0.5;
      double eventsPerDailyOrder =
          FULL_LOAD_ROWS_PER_ORDER * fullLoadDays
              + CDC_EVENTS_PER_ORDER * options.cdcDays()
              + OTHER_ROWS_PER_DAILY_ORDER;
      ordersPerDay = (int) Math.max(5, Math.round(options.events() / eventsPerDailyOrder));
      customers = ordersPerDay * days / 3;
      signupsPerDay = Math.max(1, customers * 3 / 10 / days);
      products = Math.max(50, ordersPerDay / 2);
    }
  }

  /**
   * A DMS task restart: the full load runs again at {@code restart}, and the changes of the last
   * half hour before it are sent a second time in a file of their own.
   */
  private static void restartTask(
      DmsLayout layout, SourceTables tables, ShopState state, Instant restart) {
    for (SourceTable table : tables.all()) {
      layout.writeFullLoad(table, restart, state.liveRows(table));
      List<ChangeEvent> resent = new ArrayList<>();
      for (ChangeEvent event : state.captured()) {
        if (event.table == table
            && !event.commitTime.isBefore(restart.minus(RESENT_BEFORE_RESTART))) {
          resent.add(event);
        }
      }
      layout.writeCdcFile(table, restart.plusSeconds(1), resent);
    }
  }

  /** Writes one day of changes, one file per table per window of {@code fileMinutes}. */
  private static void writeDay(
      DmsLayout layout,
      SourceTables tables,
      List<ChangeEvent> events,
      Instant dayStart,
      int fileMinutes) {
    Duration window = Duration.ofMinutes(fileMinutes);
    for (SourceTable table : tables.all()) {
      Map<Long, List<ChangeEvent>> byWindow = new LinkedHashMap<>();
      for (ChangeEvent event : events) {
        if (event.table == table) {
          long index = Duration.between(dayStart, event.commitTime).toMinutes() / fileMinutes;
          byWindow.computeIfAbsent(index, key -> new ArrayList<>()).add(event);
        }
      }
      for (Map.Entry<Long, List<ChangeEvent>> entry : byWindow.entrySet()) {
        Instant windowEnd = dayStart.plus(window.multipliedBy(entry.getKey() + 1));
        layout.writeCdcFile(table, windowEnd.plusSeconds(5), entry.getValue());
      }
    }
  }
}
