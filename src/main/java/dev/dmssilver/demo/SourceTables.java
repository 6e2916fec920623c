package dev.dmssilver.demo;

import static dev.dmssilver.demo.DmsColumn.Kind.BIGINT;
import static dev.dmssilver.demo.DmsColumn.Kind.BOOLEAN;
import static dev.dmssilver.demo.DmsColumn.Kind.DATE;
import static dev.dmssilver.demo.DmsColumn.Kind.INT;
import static dev.dmssilver.demo.DmsColumn.Kind.SMALLINT;
import static dev.dmssilver.demo.DmsColumn.Kind.STRING;
import static dev.dmssilver.demo.DmsColumn.Kind.TIMESTAMP_MILLIS;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;

/**
 * The six source tables of the demo shop, with PostgreSQL types as DMS writes them: serial ids are
 * INT32, bigserial ids INT64, quantities smallint. Three schema changes happen during CDC:
 * customers gains phone (day 2) and marketing_opt_in (day 4, not in the contract), and
 * products.stock_qty is widened from smallint to integer (day 3).
 */
final class SourceTables {
  final SourceTable customers;
  final SourceTable products;
  final SourceTable orders;
  final SourceTable orderItems;
  final SourceTable payments;
  final SourceTable shipments;

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
                DmsColumn.of("signup_date", DATE),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS),
                DmsColumn.of("marketing_opt_in", BOOLEAN)),
            Arrays.asList(
                SourceTable.Drift.added("phone", cdcStart.plus(Duration.ofDays(2))),
                SourceTable.Drift.added("marketing_opt_in", cdcStart.plus(Duration.ofDays(4)))));
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
                DmsColumn.of("order_id", BIGINT),
                DmsColumn.of("customer_id", INT),
                DmsColumn.of("order_date", DATE),
                DmsColumn.of("order_status", STRING),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    orderItems =
        new SourceTable(
            "order_items",
            Arrays.asList(
                DmsColumn.of("order_item_id", BIGINT),
                DmsColumn.of("order_id", BIGINT),
                DmsColumn.of("product_id", INT),
                DmsColumn.of("quantity", SMALLINT),
                DmsColumn.decimal("unit_price", 10, 2),
                DmsColumn.decimal("line_total", 12, 2),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    payments =
        new SourceTable(
            "payments",
            Arrays.asList(
                DmsColumn.of("payment_id", BIGINT),
                DmsColumn.of("order_id", BIGINT),
                DmsColumn.of("method", STRING),
                DmsColumn.decimal("amount", 12, 2),
                DmsColumn.of("status", STRING),
                DmsColumn.of("payment_date", DATE),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
    shipments =
        new SourceTable(
            "shipments",
            Arrays.asList(
                DmsColumn.of("shipment_id", BIGINT),
                DmsColumn.of("order_id", BIGINT),
                DmsColumn.of("carrier", STRING),
                DmsColumn.of("delivery_status", STRING),
                DmsColumn.of("shipped_date", DATE),
                DmsColumn.of("delivered_date", DATE),
                DmsColumn.of("updated_at", TIMESTAMP_MILLIS)),
            Collections.emptyList());
  }

  java.util.List<SourceTable> all() {
    return Arrays.asList(customers, products, orders, orderItems, payments, shipments);
  }
}
