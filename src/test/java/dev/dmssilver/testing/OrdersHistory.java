package dev.dmssilver.testing;

import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;

import dev.dmssilver.dms.DmsColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bronze history for the orders table in two steps: a full load, then a day of CDC that changes,
 * breaks and deletes orders. Running the fact_orders job after each step gives two different
 * states, "old" and "new", which crash and concurrency tests compare against.
 */
public final class OrdersHistory {
  private final BronzeFixture bronze;
  private final int orders;

  public OrdersHistory(BronzeFixture bronze, int orders) {
    this.bronze = bronze;
    this.orders = orders;
  }

  /** When order {@code id} was placed: an instant, as the source's TIMESTAMPTZ is. */
  public static Instant orderDate(int id) {
    return Instant.parse("2024-01-01T09:30:00.123Z").plus(java.time.Duration.ofDays(id % 14));
  }

  /** The full load: every order pending. */
  public void writeFullLoad() {
    List<Object[]> rows = new ArrayList<>();
    for (int id = 1; id <= orders; id++) {
      rows.add(
          row(
              "2024-01-15 00:00:00.000000",
              id,
              id % 97,
              orderDate(id),
              "pending",
              Instant.parse("2024-01-14T08:00:00Z")));
    }
    bronze.write(
        "orders", "LOAD00000001.parquet", orderColumns(false), rows.toArray(new Object[0][]));
  }

  /** A day of CDC: a third of the orders ship, 1% get an unknown status, 2% are deleted. */
  public void writeNextDay() {
    List<Object[]> rows = new ArrayList<>();
    for (int id = 1; id <= orders; id++) {
      String time = "2024-01-16 00:00:00.000000";
      if (id % 50 == 0) {
        rows.add(row("D", time, id, null, null, null, null));
      } else if (id % 100 == 1) {
        rows.add(
            row(
                "U",
                time,
                id,
                id % 97,
                orderDate(id),
                "on_hold",
                Instant.parse("2024-01-16T00:00:00Z")));
      } else if (id % 3 == 0) {
        rows.add(
            row(
                "U",
                time,
                id,
                id % 97,
                orderDate(id),
                "shipped",
                Instant.parse("2024-01-16T00:00:00Z")));
      }
    }
    bronze.write(
        "orders",
        "2024/01/16/20240116-000000000.parquet",
        orderColumns(true),
        rows.toArray(new Object[0][]));
  }

  /** The orders table's Bronze columns as DMS writes them: Op (CDC files only), then the rest. */
  public static List<DmsColumn> orderColumns(boolean withOp) {
    List<DmsColumn> columns =
        columns(
            commitTimestamp(),
            column("order_id", INT),
            column("customer_id", INT),
            column("order_date", TIMESTAMP_MILLIS),
            column("order_status", STRING),
            column("updated_at", TIMESTAMP_MILLIS));
    if (withOp) {
      columns.add(0, op());
    }
    return columns;
  }
}
