package dev.dmssilver.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The lifecycle of the shop's orders: an order and its items are placed, then confirmed, paid,
 * processed, shipped and delivered, each step scheduled after the last; some are cancelled, put on
 * hold, fail payment or delivery, are returned or refunded, or are deleted while their items stay.
 */
final class OrderLifecycle {
  private static final String[] METHODS = {
    "credit_card", "debit_card", "paypal", "bank_transfer", "crypto"
  };
  private static final String[] CARRIERS = {"UPS", "DHL", "FedEx", "USPS", "DPD"};

  private final ShopDice dice;
  private final SourceTables tables;
  private final ShopState state;
  private final ShopSchedule schedule;
  private final LongSupplier liveCustomer;
  private final List<Long> productIds;
  private long nextOrderId = 1;
  private long nextItemId = 1;
  private long nextPaymentId = 1;
  private long nextShipmentId = 1;

  /**
   * @param liveCustomer a customer who exists now, or -1 if none is found
   * @param productIds every product ever added (products are never deleted)
   */
  OrderLifecycle(
      ShopDice dice,
      SourceTables tables,
      ShopState state,
      ShopSchedule schedule,
      LongSupplier liveCustomer,
      List<Long> productIds) {
    this.dice = dice;
    this.tables = tables;
    this.state = state;
    this.schedule = schedule;
    this.liveCustomer = liveCustomer;
    this.productIds = productIds;
  }

  /** A customer places an order; its lifecycle is scheduled from here. */
  void place(Instant at) {
    long customerId = liveCustomer.getAsLong();
    Order order = new Order(nextOrderId++);
    SourceTable orders = tables.orders;
    Object[] row = new Object[orders.columnCount()];
    row[0] = (int) order.id;
    row[orders.indexOf("customer_id")] =
        customerId < 0 || dice.chance(0.005) ? null : (int) customerId;
    row[orders.indexOf("order_date")] = at;
    row[orders.indexOf("order_status")] = "pending";
    state.insert(orders, at, row);
    int items = 1 + dice.nextInt(4);
    for (int i = 0; i < items; i++) {
      order.amount = order.amount.add(addItem(order, at));
    }
    if (dice.chance(0.004)) {
      // A test order deleted by hand; its items stay behind and fail order_exists.
      schedule.at(
          at.plus(dice.minutes(1, 600)), time -> state.delete(tables.orders, time, order.id));
      return;
    }
    if (dice.chance(0.05)) {
      schedule.at(at.plus(dice.minutes(1, 60)), time -> changeQuantity(order, time));
    }
    schedule.at(at.plus(dice.minutes(5, 180)), time -> confirm(order, time));
  }

  private BigDecimal addItem(Order order, Instant at) {
    long itemId = nextItemId++;
    order.itemIds.add(itemId);
    SourceTable items = tables.orderItems;
    long productId = productIds.get(dice.nextInt(productIds.size()));
    Object[] product = state.row(tables.products, productId);
    BigDecimal price =
        product == null
            ? dice.money(2, 300)
            : (BigDecimal) product[tables.products.indexOf("unit_price")];
    if (price.signum() <= 0) {
      price = dice.money(2, 300);
    }
    int quantity = dice.chance(0.005) ? 0 : 1 + dice.nextInt(5);
    BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
    Object[] row = rowOf(items, itemId, order);
    row[items.indexOf("product_id")] = (int) productId;
    row[items.indexOf("quantity")] = quantity;
    row[items.indexOf("unit_price")] = price;
    row[items.indexOf("line_total")] = total;
    state.insert(items, at, row);
    return total;
  }

  private void changeQuantity(Order order, Instant at) {
    SourceTable items = tables.orderItems;
    long itemId = order.itemIds.get(dice.nextInt(order.itemIds.size()));
    if (order.itemIds.size() > 1 && dice.chance(0.3)) {
      state.delete(items, at, itemId);
      order.itemIds.remove(Long.valueOf(itemId));
      return;
    }
    state.update(
        items,
        at,
        itemId,
        row -> {
          int quantity = 1 + dice.nextInt(5);
          row[items.indexOf("quantity")] = quantity;
          row[items.indexOf("line_total")] =
              ((BigDecimal) row[items.indexOf("unit_price")])
                  .multiply(BigDecimal.valueOf(quantity));
        });
  }

  private void confirm(Order order, Instant at) {
    if (dice.chance(0.05)) {
      setStatus(order, at, "cancelled");
      return;
    }
    if (dice.chance(0.003)) {
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
    Object[] row = rowOf(payments, paymentId, order);
    row[payments.indexOf("method")] = dice.chance(0.007) ? "cash" : dice.pick(METHODS);
    row[payments.indexOf("amount")] = order.amount.signum() > 0 ? order.amount : dice.money(2, 50);
    row[payments.indexOf("status")] = "pending";
    row[payments.indexOf("payment_date")] = at;
    state.insert(payments, at, row);
    schedule.at(at.plus(dice.minutes(1, 30)), time -> settle(order, time));
  }

  private void settle(Order order, Instant at) {
    if (dice.chance(0.04) && order.paymentAttempts++ < 1) {
      setPaymentStatus(order, at, "failed");
      schedule.at(at.plus(dice.minutes(5, 60)), time -> pay(order, time));
      return;
    }
    setPaymentStatus(order, at, "completed");
    schedule.at(at.plus(dice.minutes(60, 720)), time -> process(order, time));
  }

  private void process(Order order, Instant at) {
    setStatus(order, at, "processing");
    long shipmentId = nextShipmentId++;
    order.shipmentId = shipmentId;
    SourceTable shipments = tables.shipments;
    Object[] row = rowOf(shipments, shipmentId, order);
    row[shipments.indexOf("carrier")] = dice.chance(0.005) ? null : dice.pick(CARRIERS);
    row[shipments.indexOf("delivery_status")] = "pending";
    state.insert(shipments, at, row);
    schedule.at(at.plus(dice.minutes(360, 2160)), time -> ship(order, time));
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
    schedule.at(at.plus(dice.minutes(720, 4320)), time -> outForDelivery(order, time));
  }

  private void outForDelivery(Order order, Instant at) {
    setShipmentStatus(order, at, "out_for_delivery");
    schedule.at(at.plus(dice.minutes(60, 600)), time -> deliver(order, time));
  }

  private void deliver(Order order, Instant at) {
    SourceTable shipments = tables.shipments;
    if (dice.chance(0.03)) {
      setShipmentStatus(order, at, "failed_delivery");
      schedule.at(at.plus(dice.minutes(1440, 2880)), time -> returnShipment(order, time));
      return;
    }
    boolean backdated = dice.chance(0.005); // delivered before it shipped: quarantined
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
    if (dice.chance(0.03)) {
      schedule.at(at.plus(dice.minutes(2880, 14400)), time -> refund(order, time));
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
    set(tables.orders, order.id, "order_status", status, at);
  }

  private void setPaymentStatus(Order order, Instant at, String status) {
    set(tables.payments, order.paymentId, "status", status, at);
  }

  private void setShipmentStatus(Order order, Instant at, String status) {
    set(tables.shipments, order.shipmentId, "delivery_status", status, at);
  }

  /** One column of one row, changed at {@code at}. */
  private void set(SourceTable table, long id, String column, Object value, Instant at) {
    state.update(table, at, id, row -> row[table.indexOf(column)] = value);
  }

  /** A new row of a table that hangs off an order: its key and its order_id set. */
  private static Object[] rowOf(SourceTable table, long id, Order order) {
    Object[] row = new Object[table.columnCount()];
    row[0] = (int) id;
    row[table.indexOf("order_id")] = (int) order.id;
    return row;
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
