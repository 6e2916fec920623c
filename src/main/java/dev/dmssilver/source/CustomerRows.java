package dev.dmssilver.source;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The workload's customers: who is live, who has ordered, and whose account was closed. */
final class CustomerRows {
  private final Statements sql;
  private final Random random;
  final List<Integer> live = new ArrayList<>();
  private final Set<Integer> customersWithOrders = new HashSet<>();
  private final List<Integer> deletedCustomers = new ArrayList<>();
  private int emails;

  CustomerRows(Statements sql, Random random) {
    this.sql = sql;
    this.random = random;
  }

  void newCustomer(OffsetDateTime signup) throws SQLException {
    live.add(insertCustomer(null, signup));
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
    return sql.insert(
        "INSERT INTO customers (" + columns + ") VALUES (" + values + ") RETURNING customer_id",
        parameters.toArray());
  }

  /** A live customer to place an order, signed up at {@code orderDate} if there is none. */
  int forOrder(OffsetDateTime orderDate) throws SQLException {
    if (live.isEmpty()) {
      newCustomer(orderDate);
    }
    int customer = pick(live);
    customersWithOrders.add(customer);
    return customer;
  }

  void changeCustomer() throws SQLException {
    if (live.isEmpty()) {
      return;
    }
    sql.update(
        "UPDATE customers SET phone = ?, country = ? WHERE customer_id = ?",
        random.nextBoolean() ? null : "+1 555 " + random.nextInt(10_000),
        ShopWorkload.country(random),
        pick(live));
  }

  /** A customer who never ordered closes their account. */
  void deleteCustomer() throws SQLException {
    Integer customer = customerWithoutOrders();
    if (customer != null) {
      sql.bury("customers", "customer_id", customer);
      live.remove(customer);
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
    sql.update(
        "DELETE FROM " + ShopWorkload.GRAVEYARD + ".customers WHERE customer_id = ?", customer);
    live.add(customer);
  }

  private Integer customerWithoutOrders() {
    for (int attempt = 0; attempt < 10 && !live.isEmpty(); attempt++) {
      int customer = pick(live);
      if (!customersWithOrders.contains(customer)) {
        return customer;
      }
    }
    return null;
  }

  private int pick(List<Integer> values) {
    return values.get(random.nextInt(values.size()));
  }
}
