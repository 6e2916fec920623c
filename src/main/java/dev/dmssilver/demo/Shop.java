package dev.dmssilver.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small online shop, simulated as a stream of timed actions: customers sign up and change, prices
 * and stock move, and every order runs its lifecycle ({@link OrderLifecycle}). About 1% of rows
 * break a contract rule on purpose, and a few orders are deleted while their items remain.
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

  private final ShopDice dice;
  private final SourceTables tables;
  private final ShopState state;
  private final ShopSchedule schedule = new ShopSchedule();
  private final OrderLifecycle orders;
  private final List<Long> customerIds = new ArrayList<>();
  private final List<Long> deletedCustomerIds = new ArrayList<>();
  private final List<Long> productIds = new ArrayList<>();
  private long nextCustomerId = 1;
  private long nextProductId = 1;

  Shop(Random random, SourceTables tables, ShopState state) {
    this.dice = new ShopDice(random);
    this.tables = tables;
    this.state = state;
    this.orders =
        new OrderLifecycle(
            dice,
            tables,
            state,
            schedule,
            () -> randomLive(customerIds, tables.customers),
            productIds);
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
      schedule.at(dice.randomTimeIn(dayStart), this.orders::place);
    }
    for (int i = 0; i < signups; i++) {
      schedule.at(dice.randomTimeIn(dayStart), this::signUp);
    }
    for (int i = 0; i < Math.max(1, customerIds.size() / 100); i++) {
      schedule.at(dice.randomTimeIn(dayStart), this::changeCustomer);
    }
    for (int i = 0; i < Math.max(1, customerIds.size() / 1000); i++) {
      schedule.at(dice.randomTimeIn(dayStart), this::deleteCustomer);
    }
    schedule.at(dice.randomTimeIn(dayStart), this::reinsertCustomer);
    schedule.at(dice.randomTimeIn(dayStart), this::addProduct);
    for (int i = 0; i < Math.max(1, productIds.size() / 30); i++) {
      schedule.at(dice.randomTimeIn(dayStart), this::changePrice);
    }
    for (int i = 0; i < Math.max(1, productIds.size() / 10); i++) {
      schedule.at(dice.randomTimeIn(dayStart), this::changeStock);
    }
  }

  /** Runs every action scheduled before {@code end}, in time order. */
  void runUntil(Instant end) {
    schedule.runUntil(end);
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
    String first = dice.pick(FIRST_NAMES);
    String last = dice.pick(LAST_NAMES);
    row[0] = (int) id;
    row[customers.indexOf("first_name")] = first;
    row[customers.indexOf("last_name")] = last;
    row[customers.indexOf("email")] =
        dice.chance(0.008)
            ? null
            : (first + "." + last + id + "@example.com").toLowerCase(java.util.Locale.ROOT);
    row[customers.indexOf("country")] = dice.chance(0.003) ? null : dice.pick(COUNTRIES);
    if (customers.hasColumnAt("phone", at)) {
      row[customers.indexOf("phone")] = dice.phone();
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
          if (customers.hasColumnAt("phone", at) && dice.nextBoolean()) {
            row[customers.indexOf("phone")] = dice.phone();
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
    if (deletedCustomerIds.isEmpty() || !dice.chance(0.5)) {
      return;
    }
    long id = deletedCustomerIds.remove(dice.nextInt(deletedCustomerIds.size()));
    state.insert(tables.customers, at, customerRow(id, at));
  }

  private void addProduct(Instant at) {
    long id = nextProductId++;
    productIds.add(id);
    SourceTable products = tables.products;
    Object[] row = new Object[products.columnCount()];
    row[0] = (int) id;
    row[products.indexOf("name")] = dice.pick(BRANDS) + " " + dice.pick(CATEGORIES) + " item " + id;
    row[products.indexOf("category")] = dice.pick(CATEGORIES);
    row[products.indexOf("brand")] = dice.pick(BRANDS);
    row[products.indexOf("unit_price")] =
        dice.chance(0.01) ? BigDecimal.ZERO.setScale(2) : dice.money(2, 300);
    row[products.indexOf("stock_qty")] =
        dice.chance(0.005) ? -1 - dice.nextInt(5) : dice.nextInt(500);
    state.insert(products, at, row);
  }

  private void changePrice(Instant at) {
    long id = randomLive(productIds, tables.products);
    SourceTable products = tables.products;
    state.update(products, at, id, row -> row[products.indexOf("unit_price")] = dice.money(2, 300));
  }

  private void changeStock(Instant at) {
    long id = randomLive(productIds, tables.products);
    SourceTable products = tables.products;
    state.update(products, at, id, row -> row[products.indexOf("stock_qty")] = dice.nextInt(500));
  }

  private long randomLive(List<Long> ids, SourceTable table) {
    for (int attempt = 0; attempt < 20 && !ids.isEmpty(); attempt++) {
      long id = ids.get(dice.nextInt(ids.size()));
      if (state.isLive(table, id)) {
        return id;
      }
    }
    return -1;
  }
}
