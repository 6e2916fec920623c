package dev.dmssilver.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A small online shop, simulated as a stream of timed actions: customers sign up and change, prices
 * and stock move, and every order runs its lifecycle (confirm, pay, process, ship, deliver,
 * sometimes cancel, fail, return or refund). About 1% of rows break a contract rule on purpose, and
 * a few orders are deleted while their items remain.
 */
final class Shop {
  private static final String[] FIRST_NAMES = {
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Linus",
    "Margaret",
    "Dennis",
    "Sophie",
    "Tim",
    "Hedy",
    "John"
  };
  private static final String[] LAST_NAMES = {
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
    "Perlman", "Torvalds", "Hamilton", "Ritchie", "Wilson", "Berners-Lee", "Lamarr", "Backus"
  };
  private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "ES", "IT", "NL", "SE", "PL"};
  private static final String[] CATEGORIES = {"books", "garden", "kitchen", "toys", "sports"};
  private static final String[] BRANDS = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};
  private static final String[] METHODS = {
    "credit_card", "debit_card", "paypal", "bank_transfer", "crypto"
  };
  private static final String[] CARRIERS = {"UPS", "DHL", "FedEx", "USPS", "DPD"};

  private final Random random;
  private final SourceTables tables;
  private final ShopState state;
  private final PriorityQueue<Action> actions = new PriorityQueue<>();
  private final List<Long> customerIds = new ArrayList<>();
  private final List<Long> deletedCustomerIds = new ArrayList<>();
  private final List<Long> productIds = new ArrayList<>();
  private long actionSequence;
  private long nextCustomerId = 1;
  private long nextProductId = 1;
  private long nextOrderId = 1;
  private long nextItemId = 1;
  private long nextPaymentId = 1;
  private long nextShipmentId = 1;

  Shop(Random random, SourceTables tables, ShopState state) {
    this.random = random;
    this.tables = tables;
    this.state = state;
  }

  /** Creates customers and products that exist before anything else happens. */
  void open(Instant at, int customers, int products) {
    for (int i = 0; i < products; i++) {
      addProduct(at);
    }
    for (int i = 0; i < customers; i++) {
      signUp(at);
    }
  }

  /** Schedules one day of shop activity starting at {@code dayStart}. */
  void scheduleDay(Instant dayStart, int orders, int signups) {
    for (int i = 0; i < orders; i++) {
      schedule(randomTimeIn(dayStart), this::placeOrder);
    }
    for (int i = 0; i < signups; i++) {
      schedule(randomTimeIn(dayStart), this::signUp);
    }
    for (int i = 0; i < Math.max(1, customerIds.size() / 100); i++) {
      schedule(randomTimeIn(dayStart), this::changeCustomer);
    }
    for (int i = 0; i < Math.max(1, customerIds.size() / 1000); i++) {
      schedule(randomTimeIn(dayStart), this::deleteCustomer);
    }
    schedule(randomTimeIn(dayStart), this::reinsertCustomer);
    schedule(randomTimeIn(dayStart), this::addProduct);
    for (int i = 0; i < Math.max(1, productIds.size() / 30); i++) {
      schedule(randomTimeIn(dayStart), this::changePrice);
    }
    for (int i = 0; i < Math.max(1, productIds.size() / 10); i++) {
      schedule(randomTimeIn(dayStart), this::changeStock);
    }
  }

  /** Runs every action scheduled before {@code end}, in time order. */
  void runUntil(Instant end) {
    while (!actions.isEmpty() && actions.peek().time.isBefore(end)) {
      Action action = actions.poll();
      action.step.run(action.time);
    }
  }

  // ---- customers and products

  private void signUp(Instant at) {
    long id = nextCustomerId++;
    customerIds.add(id);
    state.insert(tables.customers, at, customerRow(id, at));
  }

  private Object[] customerRow(long id, Instant at) {
    SourceTable customers = tables.customers;
    Object[] row = new Object[customers.columnCount()];
    String first = pick(FIRST_NAMES);
    String last = pick(LAST_NAMES);
    row[0] = (int) id;
    row[customers.indexOf("first_name")] = first;
    row[customers.indexOf("last_name")] = last;
    row[customers.indexOf("email")] =
        chance(0.008)
            ? null
            : (first + "." + last + id + "@example.com").toLowerCase(java.util.Locale.ROOT);
    row[customers.indexOf("country")] = chance(0.003) ? null : pick(COUNTRIES);
    if (customers.hasColumnAt("phone", at)) {
      row[customers.indexOf("phone")] = phone();
    }
    row[customers.indexOf("signup_date")] = at;
    return row;
  }

  private void changeCustomer(Instant at) {
    long id = randomLive(customerIds, tables.customers);
    if (id < 0) {
      return;
    }
    SourceTable customers = tables.customers;
    state.update(
        customers,
        at,
        id,
        row -> {
          if (customers.hasColumnAt("phone", at) && random.nextBoolean()) {
            row[customers.indexOf("phone")] = phone();
          } else if (row[customers.indexOf("email")] != null) {
            row[customers.indexOf("email")] = "updated." + id + "@example.org";
          }
        });
  }

  private void deleteCustomer(Instant at) {
    long id = randomLive(customerIds, tables.customers);
    if (id >= 0) {
      state.delete(tables.customers, at, id);
      deletedCustomerIds.add(id);
    }
  }

  /** A customer who deleted their account signs up again with the same id. */
  private void reinsertCustomer(Instant at) {
    if (deletedCustomerIds.isEmpty() || !chance(0.5)) {
      return;
    }
    long id = deletedCustomerIds.remove(random.nextInt(deletedCustomerIds.size()));
    state.insert(tables.customers, at, customerRow(id, at));
  }

  private void addProduct(Instant at) {
    long id = nextProductId++;
    productIds.add(id);
    SourceTable products = tables.products;
    Object[] row = new Object[products.columnCount()];
    row[0] = (int) id;
    row[products.indexOf("name")] = pick(BRANDS) + " " + pick(CATEGORIES) + " item " + id;
    row[products.indexOf("category")] = pick(CATEGORIES);
    row[products.indexOf("brand")] = pick(BRANDS);
    row[products.indexOf("unit_price")] =
        chance(0.01) ? BigDecimal.ZERO.setScale(2) : money(2, 300);
    row[products.indexOf("stock_qty")] =
        chance(0.005) ? -1 - random.nextInt(5) : random.nextInt(500);
    state.insert(products, at, row);
  }

  private void changePrice(Instant at) {
    long id = randomLive(productIds, tables.products);
    SourceTable products = tables.products;
    state.update(products, at, id, row -> row[products.indexOf("unit_price")] = money(2, 300));
  }

  private void changeStock(Instant at) {
    long id = randomLive(productIds, tables.products);
    SourceTable products = tables.products;
    state.update(products, at, id, row -> row[products.indexOf("stock_qty")] = random.nextInt(500));
  }

  // ---- the order lifecycle

  private void placeOrder(Instant at) {
    long customerId = randomLive(customerIds, tables.customers);
    Order order = new Order(nextOrderId++);
    SourceTable orders = tables.orders;
    Object[] row = new Object[orders.columnCount()];
    row[0] = (int) order.id;
    row[orders.indexOf("customer_id")] = customerId < 0 || chance(0.005) ? null : (int) customerId;
    row[orders.indexOf("order_date")] = at;
    row[orders.indexOf("order_status")] = "pending";
    state.insert(orders, at, row);
    int items = 1 + random.nextInt(4);
    for (int i = 0; i < items; i++) {
      order.amount = order.amount.add(addItem(order, at));
    }
    if (chance(0.004)) {
      // A test order deleted by hand; its items stay behind and fail order_exists.
      schedule(at.plus(minutes(1, 600)), time -> state.delete(tables.orders, time, order.id));
      return;
    }
    if (chance(0.05)) {
      schedule(at.plus(minutes(1, 60)), time -> changeQuantity(order, time));
    }
    schedule(at.plus(minutes(5, 180)), time -> confirm(order, time));
  }

  private BigDecimal addItem(Order order, Instant at) {
    long itemId = nextItemId++;
    order.itemIds.add(itemId);
    SourceTable items = tables.orderItems;
    long productId = productIds.get(random.nextInt(productIds.size()));
    Object[] product = state.row(tables.products, productId);
    BigDecimal price =
        product == null
            ? money(2, 300)
            : (BigDecimal) product[tables.products.indexOf("unit_price")];
    if (price.signum() <= 0) {
      price = money(2, 300);
    }
    int quantity = chance(0.005) ? 0 : 1 + random.nextInt(5);
    BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
    Object[] row = new Object[items.columnCount()];
    row[0] = (int) itemId;
    row[items.indexOf("order_id")] = (int) order.id;
    row[items.indexOf("product_id")] = (int) productId;
    row[items.indexOf("quantity")] = quantity;
    row[items.indexOf("unit_price")] = price;
    row[items.indexOf("line_total")] = total;
    state.insert(items, at, row);
    return total;
  }

  private void changeQuantity(Order order, Instant at) {
    SourceTable items = tables.orderItems;
    long itemId = order.itemIds.get(random.nextInt(order.itemIds.size()));
    if (order.itemIds.size() > 1 && chance(0.3)) {
      state.delete(items, at, itemId);
      order.itemIds.remove(Long.valueOf(itemId));
      return;
    }
    state.update(
        items,
        at,
        itemId,
        row -> {
          int quantity = 1 + random.nextInt(5);
          row[items.indexOf("quantity")] = quantity;
          row[items.indexOf("line_total")] =
              ((BigDecimal) row[items.indexOf("unit_price")])
                  .multiply(BigDecimal.valueOf(quantity));
        });
  }

  private void confirm(Order order, Instant at) {
    if (chance(0.05)) {
      setStatus(order, at, "cancelled");
      return;
    }
    if (chance(0.003)) {
      setStatus(order, at, "on_hold"); // not a status the contract knows: quarantined
      return;
    }
    setStatus(order, at, "confirmed");
    pay(order, at);
  }

  private void pay(Order order, Instant at) {
    long paymentId = nextPaymentId++;
    order.paymentId = paymentId;
    SourceTable payments = tables.payments;
    Object[] row = new Object[payments.columnCount()];
    row[0] = (int) paymentId;
    row[payments.indexOf("order_id")] = (int) order.id;
    row[payments.indexOf("method")] = chance(0.007) ? "cash" : pick(METHODS);
    row[payments.indexOf("amount")] = order.amount.signum() > 0 ? order.amount : money(2, 50);
    row[payments.indexOf("status")] = "pending";
    row[payments.indexOf("payment_date")] = at;
    state.insert(payments, at, row);
    schedule(at.plus(minutes(1, 30)), time -> settle(order, time));
  }

  private void settle(Order order, Instant at) {
    if (chance(0.04) && order.paymentAttempts++ < 1) {
      setPaymentStatus(order, at, "failed");
      schedule(at.plus(minutes(5, 60)), time -> pay(order, time));
      return;
    }
    setPaymentStatus(order, at, "completed");
    schedule(at.plus(minutes(60, 720)), time -> process(order, time));
  }

  private void process(Order order, Instant at) {
    setStatus(order, at, "processing");
    long shipmentId = nextShipmentId++;
    order.shipmentId = shipmentId;
    SourceTable shipments = tables.shipments;
    Object[] row = new Object[shipments.columnCount()];
    row[0] = (int) shipmentId;
    row[shipments.indexOf("order_id")] = (int) order.id;
    row[shipments.indexOf("carrier")] = chance(0.005) ? null : pick(CARRIERS);
    row[shipments.indexOf("delivery_status")] = "pending";
    state.insert(shipments, at, row);
    schedule(at.plus(minutes(360, 2160)), time -> ship(order, time));
  }

  private void ship(Order order, Instant at) {
    setStatus(order, at, "shipped");
    SourceTable shipments = tables.shipments;
    state.update(
        shipments,
        at,
        order.shipmentId,
        row -> {
          row[shipments.indexOf("delivery_status")] = "in_transit";
          row[shipments.indexOf("shipped_date")] = at;
        });
    schedule(at.plus(minutes(720, 4320)), time -> outForDelivery(order, time));
  }

  private void outForDelivery(Order order, Instant at) {
    setShipmentStatus(order, at, "out_for_delivery");
    schedule(at.plus(minutes(60, 600)), time -> deliver(order, time));
  }

  private void deliver(Order order, Instant at) {
    SourceTable shipments = tables.shipments;
    if (chance(0.03)) {
      setShipmentStatus(order, at, "failed_delivery");
      schedule(at.plus(minutes(1440, 2880)), time -> returnShipment(order, time));
      return;
    }
    boolean backdated = chance(0.005); // delivered before it shipped: quarantined
    state.update(
        shipments,
        at,
        order.shipmentId,
        row -> {
          row[shipments.indexOf("delivery_status")] = "delivered";
          Instant shipped = (Instant) row[shipments.indexOf("shipped_date")];
          row[shipments.indexOf("delivered_date")] =
              backdated && shipped != null ? shipped.minus(Duration.ofDays(2)) : at;
        });
    setStatus(order, at, "delivered");
    if (chance(0.03)) {
      schedule(at.plus(minutes(2880, 14400)), time -> refund(order, time));
    }
  }

  private void returnShipment(Order order, Instant at) {
    setShipmentStatus(order, at, "returned");
    refund(order, at);
  }

  private void refund(Order order, Instant at) {
    setStatus(order, at, "refunded");
    setPaymentStatus(order, at, "refunded");
  }

  private void setStatus(Order order, Instant at, String status) {
    state.update(
        tables.orders, at, order.id, row -> row[tables.orders.indexOf("order_status")] = status);
  }

  private void setPaymentStatus(Order order, Instant at, String status) {
    state.update(
        tables.payments,
        at,
        order.paymentId,
        row -> row[tables.payments.indexOf("status")] = status);
  }

  private void setShipmentStatus(Order order, Instant at, String status) {
    state.update(
        tables.shipments,
        at,
        order.shipmentId,
        row -> row[tables.shipments.indexOf("delivery_status")] = status);
  }

  // ---- helpers

  private void schedule(Instant time, Step step) {
    actions.add(new Action(time, actionSequence++, step));
  }

  private long randomLive(List<Long> ids, SourceTable table) {
    for (int attempt = 0; attempt < 20 && !ids.isEmpty(); attempt++) {
      long id = ids.get(random.nextInt(ids.size()));
      if (state.isLive(table, id)) {
        return id;
      }
    }
    return -1;
  }

  private Instant randomTimeIn(Instant dayStart) {
    return dayStart.plusNanos((long) (random.nextDouble() * 86_400_000_000L) * 1000L);
  }

  private Duration minutes(int low, int high) {
    long micros = (long) ((low + random.nextDouble() * (high - low)) * 60_000_000L);
    return Duration.ofNanos(micros * 1000L);
  }

  private BigDecimal money(int low, int high) {
    return BigDecimal.valueOf(low * 100L + random.nextInt((high - low) * 100), 2);
  }

  private String phone() {
    return String.format("+1-555-%04d", random.nextInt(10_000));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** One step of the simulation, run at its scheduled time. */
  private interface Step {
    void run(Instant time);
  }

  private static final class Action implements Comparable<Action> {
    final Instant time;
    final long sequence;
    final Step step;

    Action(Instant time, long sequence, Step step) {
      this.time = time;
      this.sequence = sequence;
      this.step = step;
    }

    @Override
    public int compareTo(Action other) {
      int byTime = time.compareTo(other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Action && compareTo((Action) other) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sequence);
    }
  }

  /** What the lifecycle of one order needs to remember between its steps. */
  private static final class Order {
    final long id;
    final List<Long> itemIds = new ArrayList<>();
    BigDecimal amount = BigDecimal.ZERO.setScale(2);
    long paymentId;
    long shipmentId;
    int paymentAttempts;

    Order(long id) {
      this.id = id;
    }
  }
}
