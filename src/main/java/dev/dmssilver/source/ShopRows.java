package dev.dmssilver.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The statements of {@link ShopWorkload}'s transactions, each on the live rows it knows. */
final class ShopRows {
  private final Connection connection;
  private final Random random;
  final List<Integer> customers = new ArrayList<>();
  private final Set<Integer> customersWithOrders = new HashSet<>();
  private final List<Integer> deletedCustomers = new ArrayList<>();
  private final List<Integer> products = new ArrayList<>();
  private final List<Integer> orders = new ArrayList<>();
  private int emails;

  ShopRows(Connection connection, Random random) {
    this.connection = connection;
    this.random = random;
  }

  void newProduct() throws SQLException {
    String category = ShopWorkload.category(random);
    products.add(
        insert(
            "INSERT INTO products (name, category, brand, unit_price, stock_qty)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING product_id",
            category + " item " + random.nextInt(10_000),
            category,
            "Brand " + (char) ('A' + random.nextInt(6)),
            ShopWorkload.money(random, 2, 300),
            random.nextInt(500)));
  }

  void newCustomer(OffsetDateTime signup) throws SQLException {
    customers.add(insertCustomer(null, signup));
  }

  private int insertCustomer(Integer id, OffsetDateTime signup) throws SQLException {
    String columns = "first_name, last_name, email, country, phone, signup_date";
    String values = "?, ?, ?, ?, ?, ?";
    List<Object> parameters = new ArrayList<>();
    if (id != null) {
      columns = "customer_id, " + columns;
      values = "?, " + values;
      parameters.add(id);
    }
    emails++;
    parameters.add("First" + random.nextInt(1000));
    parameters.add(random.nextInt(20) == 0 ? "O'Brien" : "Last" + random.nextInt(1000));
    parameters.add("customer" + emails + "." + random.nextInt(1_000_000) + "@example.com");
    parameters.add(ShopWorkload.country(random));
    parameters.add(random.nextInt(10) < 3 ? null : "+44 20 " + random.nextInt(10_000_000));
    parameters.add(signup);
    return insert(
        "INSERT INTO customers (" + columns + ") VALUES (" + values + ") RETURNING customer_id",
        parameters.toArray());
  }

  /** An order with one to four items and its payment, in one transaction. */
  void placeOrder(OffsetDateTime orderDate) throws SQLException {
    if (customers.isEmpty()) {
      newCustomer(orderDate);
    }
    int customer = pick(customers);
    int order =
        insert(
            "INSERT INTO orders (customer_id, order_date) VALUES (?, ?) RETURNING order_id",
            customer,
            orderDate);
    BigDecimal amount = BigDecimal.ZERO;
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      int product = pick(products);
      int quantity = 1 + random.nextInt(6);
      BigDecimal price =
          (BigDecimal) queryOne("SELECT unit_price FROM products WHERE product_id = ?", product);
      BigDecimal total =
          price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
      update(
          "INSERT INTO order_items (order_id, product_id, quantity, unit_price, line_total)"
              + " VALUES (?, ?, ?, ?, ?)",
          order,
          product,
          quantity,
          price,
          total);
      update(
          "UPDATE products SET stock_qty = GREATEST(stock_qty - ?, 0) WHERE product_id = ?",
          quantity,
          product);
      amount = amount.add(total);
    }
    update(
        "INSERT INTO payments (order_id, method, amount, status, payment_date)"
            + " VALUES (?, ?, ?, ?, ?)",
        order,
        ShopWorkload.method(random),
        amount,
        random.nextInt(5) == 0 ? "pending" : "completed",
        orderDate.plus(Duration.ofSeconds(300 + random.nextInt(3300))));
    orders.add(order);
    customersWithOrders.add(customer);
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
        (String) queryOne("SELECT order_status FROM orders WHERE order_id = ? FOR UPDATE", order);
    String next = nextStatus(status);
    if (next == null) {
      return;
    }
    update("UPDATE orders SET order_status = ? WHERE order_id = ?", next, order);
    if (next.equals("shipped")) {
      update(
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
        queryRow(
            "SELECT shipment_id, delivery_status, shipped_date FROM shipments"
                + " WHERE delivery_status IN ('in_transit', 'out_for_delivery')"
                + " ORDER BY shipment_id OFFSET ? LIMIT 1 FOR UPDATE",
            random.nextInt(5));
    if (shipment == null) {
      return;
    }
    if (shipment[1].equals("in_transit")) {
      update(
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
    update(
        "UPDATE shipments SET delivery_status = 'delivered', delivered_date = ?"
            + " WHERE shipment_id = ?",
        delivered,
        shipment[0]);
  }

  void changePrice() throws SQLException {
    update(
        "UPDATE products SET unit_price = ? WHERE product_id = ?",
        ShopWorkload.money(random, 2, 300),
        pick(products));
  }

  void changeStock() throws SQLException {
    update(
        "UPDATE products SET stock_qty = ? WHERE product_id = ?",
        random.nextInt(500),
        pick(products));
  }

  void changeCustomer() throws SQLException {
    if (customers.isEmpty()) {
      return;
    }
    update(
        "UPDATE customers SET phone = ?, country = ? WHERE customer_id = ?",
        random.nextBoolean() ? null : "+1 555 " + random.nextInt(10_000),
        ShopWorkload.country(random),
        pick(customers));
  }

  /** A pending or confirmed order is cancelled and its payment refunded, in one transaction. */
  void cancelOrder() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    if (update(
            "UPDATE orders SET order_status = 'cancelled'"
                + " WHERE order_id = ? AND order_status IN ('pending', 'confirmed')",
            order)
        > 0) {
      update("UPDATE payments SET status = 'refunded' WHERE order_id = ?", order);
    }
  }

  void refundOrder() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    if (update(
            "UPDATE orders SET order_status = 'refunded'"
                + " WHERE order_id = ? AND order_status = 'delivered'",
            order)
        > 0) {
      update("UPDATE payments SET status = 'refunded' WHERE order_id = ?", order);
      update("UPDATE shipments SET delivery_status = 'returned' WHERE order_id = ?", order);
    }
  }

  /** An order and everything that hangs off it, deleted in one transaction. */
  void deleteOrder() throws SQLException {
    if (orders.size() < 2) {
      return;
    }
    Integer order = orders.remove(random.nextInt(orders.size()));
    for (String table : new String[] {"order_items", "payments", "shipments"}) {
      bury(table, "order_id", order);
    }
    bury("orders", "order_id", order);
  }

  /** A customer who never ordered closes their account. */
  void deleteCustomer() throws SQLException {
    Integer customer = customerWithoutOrders();
    if (customer != null) {
      bury("customers", "customer_id", customer);
      customers.remove(customer);
      deletedCustomers.add(customer);
    }
  }

  /**
   * A deleted customer's key is used again: later, or at once in the same transaction as the
   * delete.
   */
  void reinsertCustomer(boolean inTheSameTransaction) throws SQLException {
    if (inTheSameTransaction) {
      deleteCustomer();
    }
    if (deletedCustomers.isEmpty()) {
      return;
    }
    Integer customer = deletedCustomers.remove(deletedCustomers.size() - 1);
    insertCustomer(customer, OffsetDateTime.now(ZoneOffset.UTC));
    update("DELETE FROM " + ShopWorkload.GRAVEYARD + ".customers WHERE customer_id = ?", customer);
    customers.add(customer);
  }

  /** Values the source allows and the Silver contracts reject: they must land in quarantine. */
  void breakARule() throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    int order = pick(orders);
    switch (random.nextInt(5)) {
      case 0:
        update("UPDATE orders SET order_status = 'on_hold' WHERE order_id = ?", order);
        return;
      case 1:
        update("UPDATE payments SET method = 'voucher' WHERE order_id = ?", order);
        return;
      case 2:
        update("UPDATE payments SET status = 'chargeback' WHERE order_id = ?", order);
        return;
      case 3:
        update("UPDATE shipments SET delivery_status = 'lost' WHERE order_id = ?", order);
        return;
      default:
        update(
            "UPDATE shipments SET delivered_date = shipped_date - interval '2 days'"
                + " WHERE order_id = ? AND shipped_date IS NOT NULL",
            order);
    }
  }

  private Integer customerWithoutOrders() {
    for (int attempt = 0; attempt < 10 && !customers.isEmpty(); attempt++) {
      int customer = pick(customers);
      if (!customersWithOrders.contains(customer)) {
        return customer;
      }
    }
    return null;
  }

  /** Deletes rows, keeping each one's last image in the graveyard. */
  private void bury(String table, String keyColumn, Object key) throws SQLException {
    String graveyard = ShopWorkload.GRAVEYARD + "." + table;
    String primaryKey = table.substring(0, table.length() - 1) + "_id";
    update(
        String.format(
            "DELETE FROM %s WHERE %s IN (SELECT %s FROM public.%s WHERE %s = ?)",
            graveyard, primaryKey, primaryKey, table, keyColumn),
        key);
    update(
        String.format(
            "WITH gone AS (DELETE FROM public.%s WHERE %s = ? RETURNING *)"
                + " INSERT INTO %s SELECT * FROM gone",
            table, keyColumn, graveyard),
        key);
  }

  private int pick(List<Integer> values) {
    return values.get(random.nextInt(values.size()));
  }

  private int insert(String sql, Object... parameters) throws SQLException {
    return (Integer) queryOne(sql, parameters);
  }

  private Object queryOne(String sql, Object... parameters) throws SQLException {
    Object[] row = queryRow(sql, parameters);
    return row == null ? null : row[0];
  }

  private Object[] queryRow(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters);
        ResultSet result = statement.executeQuery()) {
      if (!result.next()) {
        return null;
      }
      Object[] row = new Object[result.getMetaData().getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] =
            result.getMetaData().getColumnTypeName(i + 1).equals("timestamptz")
                ? result.getObject(i + 1, OffsetDateTime.class)
                : result.getObject(i + 1);
      }
      return row;
    }
  }

  private int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
