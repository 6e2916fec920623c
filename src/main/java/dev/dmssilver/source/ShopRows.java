package dev.dmssilver.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The statements of {@link ShopWorkload}'s transactions, each on the live rows it knows. */
final class ShopRows {
  private final Statements sql;
  private final Random random;
  final CustomerRows customers;
  private final List<Integer> products = new ArrayList<>();
  private final List<Integer> orders = new ArrayList<>();

  ShopRows(Connection connection, Random random) {
    this.sql = new Statements(connection);
    this.random = random;
    this.customers = new CustomerRows(sql, random);
  }

  void newProduct() throws SQLException {
    String category = ShopWorkload.category(random);
    products.add(
        sql.insert(
            "INSERT INTO products (name, category, brand, unit_price, stock_qty)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING product_id",
            category + " item " + random.nextInt(10_000),
            category,
            "Brand " + (char) ('A' + random.nextInt(6)),
            ShopWorkload.money(random, 2, 300),
            random.nextInt(500)));
  }

  /** An order with one to four items and its payment, in one transaction. */
  void placeOrder(OffsetDateTime orderDate) throws SQLException {
    int customer = customers.forOrder(orderDate);
    int order =
        sql.insert(
            "INSERT INTO orders (customer_id, order_date) VALUES (?, ?) RETURNING order_id",
            customer,
            orderDate);
    BigDecimal amount = BigDecimal.ZERO;
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      int product = pick(products);
      int quantity = 1 + random.nextInt(6);
      BigDecimal price =
          (BigDecimal)
              sql.queryOne("SELECT unit_price FROM products WHERE product_id = ?", product);
      BigDecimal total =
          price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
      sql.update(
          "INSERT INTO order_items (order_id, product_id, quantity, unit_price, line_total)"
              + " VALUES (?, ?, ?, ?, ?)",
          order,
          product,
          quantity,
          price,
          total);
      sql.update(
          "UPDATE products SET stock_qty = GREATEST(stock_qty - ?, 0) WHERE product_id = ?",
          quantity,
          product);
      amount = amount.add(total);
    }
    sql.update(
        "INSERT INTO payments (order_id, method, amount, status, payment_date)"
            + " VALUES (?, ?, ?, ?, ?)",
        order,
        ShopWorkload.method(random),
        amount,
        random.nextInt(5) == 0 ? "pending" : "completed",
        orderDate.plus(Duration.ofSeconds(300 + random.nextInt(3300))));
    orders.add(order);
  }

  /** One step of an order's lifecycle; shipping it creates its shipment. */
  void advanceOrder() throws SQLException {
    if (!orders.isEmpty()) {
      advanceOrder(pick(orders));
    }
  }

  /** Several updates of one row in one transaction. */
  void advanceOrderSeveralTimes() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    for (int i = 2 + random.nextInt(2); i > 0; i--) {
      advanceOrder(order);
    }
  }

  private void advanceOrder(int order) throws SQLException {
    String status =
        (String)
            sql.queryOne("SELECT order_status FROM orders WHERE order_id = ? FOR UPDATE", order);
    String next = nextStatus(status);
    if (next == null) {
      return;
    }
    sql.update("UPDATE orders SET order_status = ? WHERE order_id = ?", next, order);
    if (next.equals("shipped")) {
      sql.update(
          "INSERT INTO shipments (order_id, carrier, delivery_status, shipped_date)"
              + " VALUES (?, ?, 'in_transit', now())",
          order,
          ShopWorkload.carrier(random));
    }
  }

  private static String nextStatus(String status) {
    if (status == null) {
      return null;
    }
    switch (status) {
      case "pending":
        return "confirmed";
      case "confirmed":
        return "processing";
      case "processing":
        return "shipped";
      case "shipped":
        return "delivered";
      default:
        return null;
    }
  }

  void advanceShipment() throws SQLException {
    Object[] shipment =
        sql.queryRow(
            "SELECT shipment_id, delivery_status, shipped_date FROM shipments"
                + " WHERE delivery_status IN ('in_transit', 'out_for_delivery')"
                + " ORDER BY shipment_id OFFSET ? LIMIT 1 FOR UPDATE",
            random.nextInt(5));
    if (shipment == null) {
      return;
    }
    if (shipment[1].equals("in_transit")) {
      sql.update(
          "UPDATE shipments SET delivery_status = 'out_for_delivery' WHERE shipment_id = ?",
          shipment[0]);
      return;
    }
    // Delivered some hours after it shipped, written from a time zone of the carrier's.
    OffsetDateTime shipped = ((OffsetDateTime) shipment[2]);
    OffsetDateTime delivered =
        shipped
            .plusMinutes(30 + random.nextInt(4000))
            .withOffsetSameInstant(ZoneOffset.ofHours(-5));
    sql.update(
        "UPDATE shipments SET delivery_status = 'delivered', delivered_date = ?"
            + " WHERE shipment_id = ?",
        delivered,
        shipment[0]);
  }

  void changePrice() throws SQLException {
    sql.update(
        "UPDATE products SET unit_price = ? WHERE product_id = ?",
        ShopWorkload.money(random, 2, 300),
        pick(products));
  }

  void changeStock() throws SQLException {
    sql.update(
        "UPDATE products SET stock_qty = ? WHERE product_id = ?",
        random.nextInt(500),
        pick(products));
  }

  /** A pending or confirmed order is cancelled and its payment refunded, in one transaction. */
  void cancelOrder() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    if (sql.update(
            "UPDATE orders SET order_status = 'cancelled'"
                + " WHERE order_id = ? AND order_status IN ('pending', 'confirmed')",
            order)
        > 0) {
      sql.update("UPDATE payments SET status = 'refunded' WHERE order_id = ?", order);
    }
  }

  void refundOrder() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    if (sql.update(
            "UPDATE orders SET order_status = 'refunded'"
                + " WHERE order_id = ? AND order_status = 'delivered'",
            order)
        > 0) {
      sql.update("UPDATE payments SET status = 'refunded' WHERE order_id = ?", order);
      sql.update("UPDATE shipments SET delivery_status = 'returned' WHERE order_id = ?", order);
    }
  }

  /** An order and everything that hangs off it, deleted in one transaction. */
  void deleteOrder() throws SQLException {
    if (orders.size() < 2) {
      return;
    }
    Integer order = orders.remove(random.nextInt(orders.size()));
    for (String table : new String[] {"order_items", "payments", "shipments"}) {
      sql.bury(table, "order_id", order);
    }
    sql.bury("orders", "order_id", order);
  }

  /** Values the source allows and the Silver contracts reject: they must land in quarantine. */
  void breakARule() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    switch (random.nextInt(5)) {
      case 0:
        sql.update("UPDATE orders SET order_status = 'on_hold' WHERE order_id = ?", order);
        return;
      case 1:
        sql.update("UPDATE payments SET method = 'voucher' WHERE order_id = ?", order);
        return;
      case 2:
        sql.update("UPDATE payments SET status = 'chargeback' WHERE order_id = ?", order);
        return;
      case 3:
        sql.update("UPDATE shipments SET delivery_status = 'lost' WHERE order_id = ?", order);
        return;
      default:
        sql.update(
            "UPDATE shipments SET delivered_date = shipped_date - interval '2 days'"
                + " WHERE order_id = ? AND shipped_date IS NOT NULL",
            order);
    }
  }

  private int pick(List<Integer> values) {
    return values.get(random.nextInt(values.size()));
  }
}
