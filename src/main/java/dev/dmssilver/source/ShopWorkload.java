package dev.dmssilver.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Scanner;

/**
 * A seeded random workload on the seed's source schema, shaped like its application's order
 * lifecycle: customers sign up and change, prices and stock move, orders are placed with their
 * items and payment in one transaction and then confirmed, shipped, delivered, cancelled or
 * refunded. It also does what the simulator does not but a source can: deletes (an order with
 * everything hanging off it, a customer), a deleted key inserted again, several updates of one row
 * in one transaction, NULLs in the nullable columns, instants written from other time zones, and a
 * few values the Silver contracts reject.
 *
 * <p>Every row it deletes is kept, as it was just before, in a table of the same name in the
 * {@value #GRAVEYARD} schema (the capture reads only {@code public}): under an endpoint that writes
 * no deletes, that last image is what Silver must keep, and the database itself says what it is.
 */
public final class ShopWorkload {
  /** The schema that holds the last image of every deleted row, one table per source table. */
  public static final String GRAVEYARD = "deleted";

  static final String[] TABLES = {
    "customers", "products", "orders", "order_items", "payments", "shipments"
  };
  private static final String[] COUNTRIES = {"GB", "DE", "FR", "US", "ES", "IT", "NL", "PL"};
  private static final String[] CATEGORIES = {"books", "garden", "kitchen", "toys", "sports"};
  private static final String[] METHODS = {
    "credit_card", "credit_card", "debit_card", "paypal", "bank_transfer", "crypto"
  };
  private static final String[] CARRIERS = {"DHL", "FedEx", "UPS", "Royal Mail", "DPD"};
  private static final ZoneOffset[] ZONES = {
    ZoneOffset.UTC, ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(9)
  };

  private final Connection connection;
  private final Random random;
  private final ShopRows rows;

  public ShopWorkload(Connection connection, long seed) {
    this.connection = requireNonNull(connection, "connection is null");
    this.random = new Random(seed);
    this.rows = new ShopRows(connection, random);
  }

  /** Creates the six source tables from the seed's DDL, and the graveyard beside them. */
  public static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(resource("/source/shop.sql"));
      statement.execute("CREATE SCHEMA " + GRAVEYARD);
      for (String table : TABLES) {
        statement.execute(
            String.format("CREATE TABLE %s.%s (LIKE public.%s)", GRAVEYARD, table, table));
      }
    }
  }

  private static String resource(String name) {
    try (InputStream input = ShopWorkload.class.getResourceAsStream(name);
        Scanner scanner = new Scanner(requireNonNull(input, name), "UTF-8")) {
      return scanner.useDelimiter("\\A").next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows that exist before capture starts: the full load's. */
  public void seed(int customers, int products, int orders) throws SQLException {
    for (int i = 0; i < products; i++) {
      inTransaction(rows::newProduct);
    }
    for (int i = 0; i < customers; i++) {
      inTransaction(() -> rows.customers.newCustomer(pastInstant(Duration.ofDays(730))));
    }
    for (int i = 0; i < orders; i++) {
      inTransaction(() -> rows.placeOrder(pastInstant(Duration.ofDays(730))));
    }
  }

  /** {@code steps} random transactions of the shop's day-to-day. */
  public void run(int steps) throws SQLException {
    for (int i = 0; i < steps; i++) {
      inTransaction(this::step);
    }
  }

  private void step() throws SQLException {
    int dice = random.nextInt(100);
    if (dice < 22) {
      rows.placeOrder(OffsetDateTime.now(pick(ZONES)));
    } else if (dice < 42) {
      rows.advanceOrder();
    } else if (dice < 54) {
      rows.advanceShipment();
    } else if (dice < 59) {
      rows.advanceOrderSeveralTimes();
    } else if (dice < 65) {
      rows.changePrice();
    } else if (dice < 70) {
      rows.changeStock();
    } else if (dice < 76) {
      rows.customers.newCustomer(pastInstant(Duration.ofDays(30)));
    } else if (dice < 81) {
      rows.customers.changeCustomer();
    } else if (dice < 84) {
      rows.cancelOrder();
    } else if (dice < 87) {
      rows.deleteOrder();
    } else if (dice < 90) {
      rows.customers.deleteCustomer();
    } else if (dice < 94) {
      rows.customers.reinsertCustomer(random.nextBoolean());
    } else if (dice < 97) {
      rows.refundOrder();
    } else {
      rows.breakARule();
    }
  }

  private OffsetDateTime pastInstant(Duration within) {
    long micros = (long) (random.nextDouble() * within.toNanos() / 1000);
    Instant instant = Instant.now().minusNanos(micros * 1000);
    return instant.atOffset(pick(ZONES));
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  static String pickText(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  static String country(Random random) {
    return pickText(random, COUNTRIES);
  }

  static String category(Random random) {
    return pickText(random, CATEGORIES);
  }

  static String method(Random random) {
    return pickText(random, METHODS);
  }

  static String carrier(Random random) {
    return pickText(random, CARRIERS);
  }

  static BigDecimal money(Random random, int low, int high) {
    return BigDecimal.valueOf(low * 100L + random.nextInt((high - low) * 100), 2);
  }

  /** Runs one transaction; a transaction that breaks a source constraint is rolled back. */
  private void inTransaction(Step step) throws SQLException {
    connection.setAutoCommit(false);
    try {
      step.run();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      // 23xxx: a constraint the source enforces (a unique e-mail, stock below zero): the
      // application's transaction fails, as it would in production. Anything else is a fault.
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** The keys the workload knows to be live, for tests that need one. */
  public List<Integer> liveCustomers() {
    return new ArrayList<>(rows.customers.live);
  }

  interface Step {
    void run() throws SQLException;
  }
}
