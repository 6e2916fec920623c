package dev.dmssilver.testing;

import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.GeneratedShop;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * What the six Silver tables and the quarantine table must hold after a run over generated Bronze,
 * computed without the code under test: from the generator's simulated source database (its final
 * rows are the state CDC resolution must rebuild), with the contracts' rules restated in plain
 * Java.
 */
public final class SourceOracle {
  private final GeneratedShop shop;

  public SourceOracle(GeneratedShop shop) {
    this.shop = shop;
  }

  /** The expected Silver table, as {@link Tables#rows} lines over the contract's columns. */
  public List<String> silver(Contract contract) {
    return expected(contract).silver;
  }

  /** The expected quarantine rows of all contracts, as "table|key|[reasons]" lines. */
  public List<String> quarantine(Contracts contracts) {
    List<String> lines = new ArrayList<>();
    for (Contract contract : contracts.all()) {
      lines.addAll(expected(contract).quarantine);
    }
    lines.sort(null);
    return lines;
  }

  /** Asserts-ready: the actual Silver table over the contract's columns. */
  public static List<String> actualSilver(SparkSession spark, String table, Contract contract) {
    String[] columns =
        contract.silverColumns().stream().map(ColumnSpec::name).toArray(String[]::new);
    return Tables.rows(spark, table, columns);
  }

  /** Asserts-ready: the actual quarantine table as "table|key|[reasons]" lines. */
  public static List<String> actualQuarantine(SparkSession spark, String table) {
    return Tables.rows(spark, table, "table_name", "record_key", "reasons");
  }

  private record Expected(List<String> silver, List<String> quarantine) {}

  private Expected expected(Contract contract) {
    Map<Object, Map<String, Object>> currentOrders = new HashMap<>();
    for (Map<String, Object> order : shop.currentRows("orders")) {
      currentOrders.put(((Number) order.get("order_id")).longValue(), order);
    }
    List<String> silver = new ArrayList<>();
    List<String> quarantine = new ArrayList<>();
    for (Map<String, Object> source : shop.currentRows(contract.bronze().table())) {
      Map<String, Object> row = new HashMap<>(source);
      boolean orderExists = true;
      if (contract.table().equals("fact_order_items")) {
        Map<String, Object> order =
            row.get("order_id") == null
                ? null
                : currentOrders.get(((Number) row.get("order_id")).longValue());
        orderExists = order != null;
        row.put("order_date", order == null ? null : order.get("order_date"));
      }
      if (contract.table().equals("fact_shipments")) {
        LocalDate shipped = utcDate(row.get("shipped_date"));
        LocalDate delivered = utcDate(row.get("delivered_date"));
        row.put(
            "delivery_days",
            shipped == null || delivered == null
                ? null
                : ChronoUnit.DAYS.between(shipped, delivered));
      }
      List<String> reasons = reasons(contract.table(), row, orderExists);
      if (reasons.isEmpty()) {
        List<String> cells = new ArrayList<>();
        for (ColumnSpec column : contract.silverColumns()) {
          cells.add(text(row.get(column.name())));
        }
        silver.add(String.join("|", cells));
      } else {
        quarantine.add(
            contract.table() + "|" + text(row.get(contract.key().get(0))) + "|" + reasons);
      }
    }
    silver.sort(null);
    quarantine.sort(null);
    return new Expected(silver, quarantine);
  }

  /** The contracts' rules, restated in Java, in contract order. */
  private static List<String> reasons(String table, Map<String, Object> row, boolean orderExists) {
    List<String> reasons = new ArrayList<>();
    switch (table) {
      case "dim_customer" -> {
        when(reasons, row.get("email") == null, "email_not_null");
        when(reasons, row.get("country") == null, "country_not_null");
        when(reasons, row.get("signup_date") == null, "signup_date_not_null");
      }
      case "dim_product" -> {
        when(reasons, row.get("name") == null, "name_not_null");
        when(reasons, row.get("category") == null, "category_not_null");
        when(reasons, row.get("brand") == null, "brand_not_null");
        when(reasons, !positive(row.get("unit_price")), "unit_price_positive");
        when(
            reasons,
            row.get("stock_qty") == null || ((Number) row.get("stock_qty")).intValue() < 0,
            "stock_qty_not_negative");
      }
      case "fact_orders" -> {
        when(reasons, row.get("customer_id") == null, "customer_id_not_null");
        when(reasons, row.get("order_date") == null, "order_date_not_null");
        when(
            reasons,
            !Set.of(
                    "pending",
                    "confirmed",
                    "processing",
                    "shipped",
                    "delivered",
                    "cancelled",
                    "refunded")
                .contains(row.get("order_status")),
            "order_status_known");
      }
      case "fact_order_items" -> {
        when(reasons, row.get("order_id") == null, "order_id_not_null");
        when(reasons, row.get("product_id") == null, "product_id_not_null");
        when(reasons, !positive(row.get("quantity")), "quantity_positive");
        when(reasons, !positive(row.get("unit_price")), "unit_price_positive");
        when(reasons, !positive(row.get("line_total")), "line_total_positive");
        when(reasons, !orderExists, "order_exists");
      }
      case "fact_payments" -> {
        when(reasons, row.get("order_id") == null, "order_id_not_null");
        when(reasons, row.get("payment_date") == null, "payment_date_not_null");
        when(reasons, !positive(row.get("amount")), "amount_positive");
        when(
            reasons,
            !Set.of("credit_card", "debit_card", "paypal", "bank_transfer", "crypto")
                .contains(row.get("method")),
            "method_known");
        when(
            reasons,
            !Set.of("pending", "completed", "failed", "refunded").contains(row.get("status")),
            "status_known");
      }
      case "fact_shipments" -> {
        when(reasons, row.get("order_id") == null, "order_id_not_null");
        when(reasons, row.get("carrier") == null, "carrier_not_null");
        when(
            reasons,
            !Set.of(
                    "pending",
                    "in_transit",
                    "out_for_delivery",
                    "delivered",
                    "failed_delivery",
                    "returned")
                .contains(row.get("delivery_status")),
            "delivery_status_known");
        Instant shipped = (Instant) row.get("shipped_date");
        Instant delivered = (Instant) row.get("delivered_date");
        when(
            reasons,
            shipped != null && delivered != null && delivered.isBefore(shipped),
            "delivered_not_before_shipped");
      }
      default -> throw new IllegalArgumentException(table);
    }
    return reasons;
  }

  private static void when(List<String> reasons, boolean failed, String reason) {
    if (failed) {
      reasons.add(reason);
    }
  }

  private static boolean positive(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() > 0;
    }
    return value != null && ((Number) value).longValue() > 0;
  }

  private static LocalDate utcDate(Object instant) {
    return instant == null ? null : ((Instant) instant).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /**
   * A value as Spark renders it when cast to string. Instants as DMS delivers them with
   * parquet_timestamp_in_millisecond: cut to the millisecond.
   */
  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      LocalDateTime time =
          LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
      String text = time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
      String fraction = String.format("%09d", time.getNano()).replaceAll("0+$", "");
      return fraction.isEmpty() ? text : text + "." + fraction;
    }
    return value.toString();
  }
}
