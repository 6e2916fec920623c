package dev.dmssilver.demo;

import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.SMALLINT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;

import dev.dmssilver.dms.DmsColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;

/**
 * The six source tables of the demo shop, as the source DDL declares them (the seed's
 * simulator/schema.py) and with the Parquet types DMS writes for them: SERIAL and INTEGER are
 * INT32, NUMERIC(10,2) a fixed-length decimal(10,2), TIMESTAMPTZ an int64 UTC timestamp in
 * milliseconds. Two schema changes happen during CDC and end at that DDL: customers gains phone
 * (day 2), and products.stock_qty is widened from smallint to integer (day 3).
 */
final class SourceTables {
  final SourceTable customers;
  final SourceTable products;
  final SourceTable orders;
  final SourceTable orderItems;
  final SourceTable payments;
  final SourceTable shipments;

  /** The six tables' columns as data, one block each: long, with nothing to split out. */
  SourceTables(Instant cdcStart) {
    customers =
        new SourceTable(
            "customers",
            Arrays.asList(
                DmsColumn.of("customer_id", INT),
                DmsColumn.of("first_name", STRING),
                DmsColumn.of("last_name", STRING),
                DmsColumn.of("email", STRING),
                DmsColumn.of("country", STRING),
                DmsColumn.of("phone", STRING),
                DmsColumn.of("signup_date", TIMESTAMP_MILLIS),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.singletonList(
                SourceTable.Drift.added("phone", cdcStart.plus(Duration.ofDays(2)))));
    products =
        new SourceTable(
            "products",
            Arrays.asList(
                DmsColumn.of("product_id", INT),
                DmsColumn.of("name", STRING),
                DmsColumn.of("category", STRING),
                DmsColumn.of("brand", STRING),
                DmsColumn.decimal("unit_price", 10, 2),
                DmsColumn.of("stock_qty", INT),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.singletonList(
                SourceTable.Drift.widened(
                    "stock_qty", cdcStart.plus(Duration.ofDays(3)), SMALLINT)));
    orders =
        new SourceTable(
            "orders",
            Arrays.asList(
                DmsColumn.of("order_id", INT),
                DmsColumn.of("customer_id", INT),
                DmsColumn.of("order_date", TIMESTAMP_MILLIS),
                DmsColumn.of("order_status", STRING),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    orderItems =
        new SourceTable(
            "order_items",
            Arrays.asList(
                DmsColumn.of("order_item_id", INT),
                DmsColumn.of("order_id", INT),
                DmsColumn.of("product_id", INT),
                DmsColumn.of("quantity", INT),
                DmsColumn.decimal("unit_price", 10, 2),
                DmsColumn.decimal("line_total", 10, 2),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    payments =
        new SourceTable(
            "payments",
            Arrays.asList(
                DmsColumn.of("payment_id", INT),
                DmsColumn.of("order_id", INT),
                DmsColumn.of("method", STRING),
                DmsColumn.decimal("amount", 10, 2),
                DmsColumn.of("status", STRING),
                DmsColumn.of("payment_date", TIMESTAMP_MILLIS),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    shipments =
        new SourceTable(
            "shipments",
            Arrays.asList(
                DmsColumn.of("shipment_id", INT),
                DmsColumn.of("order_id", INT),
                DmsColumn.of("carrier", STRING),
                DmsColumn.of("delivery_status", STRING),
                DmsColumn.of("shipped_date", TIMESTAMP_MILLIS),
                DmsColumn.of("delivered_date", TIMESTAMP_MILLIS),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
  }

  java.util.List<SourceTable> all() {
    return Arrays.asList(customers, products, orders, orderItems, payments, shipments);
  }
}
