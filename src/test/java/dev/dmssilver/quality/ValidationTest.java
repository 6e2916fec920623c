package dev.dmssilver.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.enrich.DerivedColumns;
import dev.dmssilver.enrich.EnrichmentJoin;
import dev.dmssilver.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the six contracts, and the built-in ones, on one-row frames. */
class ValidationTest {
  private static final Contracts CONTRACTS =
      Contracts.fromDirectory(Paths.get(System.getProperty("user.dir"), "jobs"));
  private static final Instant NOW = Instant.parse("2024-02-01T00:00:00Z");
  private static final Timestamp COMMITTED = Timestamp.from(Instant.parse("2024-01-15T10:00:00Z"));

  static Stream<Arguments> everyRule() {
    return Stream.of(
        Arguments.of("dim_customer", "customer_id", null, List.of("key_not_null")),
        Arguments.of("dim_customer", "email", null, List.of("email_not_null")),
        Arguments.of("dim_customer", "country", null, List.of("country_not_null")),
        Arguments.of("dim_customer", "signup_date", null, List.of("signup_date_not_null")),
        Arguments.of("dim_product", "name", null, List.of("name_not_null")),
        Arguments.of("dim_product", "category", null, List.of("category_not_null")),
        Arguments.of("dim_product", "brand", null, List.of("brand_not_null")),
        Arguments.of(
            "dim_product", "unit_price", new BigDecimal("0.00"), List.of("unit_price_positive")),
        Arguments.of("dim_product", "unit_price", null, List.of("unit_price_positive")),
        Arguments.of("dim_product", "stock_qty", -1, List.of("stock_qty_not_negative")),
        Arguments.of("fact_orders", "customer_id", null, List.of("customer_id_not_null")),
        Arguments.of("fact_orders", "order_date", null, List.of("order_date_not_null")),
        Arguments.of("fact_orders", "order_status", "on_hold", List.of("order_status_known")),
        Arguments.of("fact_orders", "order_status", null, List.of("order_status_known")),
        Arguments.of("fact_order_items", "order_id", null, List.of("order_id_not_null")),
        Arguments.of("fact_order_items", "product_id", null, List.of("product_id_not_null")),
        Arguments.of("fact_order_items", "quantity", 0, List.of("quantity_positive")),
        Arguments.of(
            "fact_order_items",
            "unit_price",
            new BigDecimal("-1.00"),
            List.of("unit_price_positive")),
        Arguments.of(
            "fact_order_items",
            "line_total",
            new BigDecimal("0.00"),
            List.of("line_total_positive")),
        Arguments.of("fact_order_items", "_matched_order_exists", false, List.of("order_exists")),
        Arguments.of("fact_payments", "order_id", null, List.of("order_id_not_null")),
        Arguments.of("fact_payments", "payment_date", null, List.of("payment_date_not_null")),
        Arguments.of("fact_payments", "amount", new BigDecimal("0.00"), List.of("amount_positive")),
        Arguments.of("fact_payments", "method", "cash", List.of("method_known")),
        Arguments.of("fact_payments", "status", "chargeback", List.of("status_known")),
        Arguments.of("fact_shipments", "order_id", null, List.of("order_id_not_null")),
        Arguments.of("fact_shipments", "carrier", null, List.of("carrier_not_null")),
        Arguments.of("fact_shipments", "delivery_status", "lost", List.of("delivery_status_known")),
        Arguments.of(
            "fact_shipments",
            "delivered_date",
            at("2024-01-01T12:00:00Z"),
            List.of("delivered_not_before_shipped")),
        Arguments.of("fact_orders", EventColumns.OP, "X", List.of("op_known")),
        Arguments.of("fact_orders", EventColumns.OP, null, List.of("op_known")),
        Arguments.of(
            "fact_orders",
            EventColumns.COMMIT_TIMESTAMP,
            Timestamp.from(NOW.plusSeconds(1)),
            List.of("commit_timestamp_not_future")));
  }

  @ParameterizedTest(name = "{0}.{1} = {2} fails {3}")
  @MethodSource("everyRule")
  void everyRuleQuarantinesTheRowsThatBreakIt(
      String table, String column, Object value, List<String> reasons) {
    Map<String, Object> row = validRow(table);
    row.put(column, value);

    assertThat(reasonsFor(table, row)).isEqualTo(reasons);
  }

  @Test
  void aValidRowOfEveryEntityHasNoReasons() {
    for (Contract contract : CONTRACTS.all()) {
      assertThat(reasonsFor(contract.table(), validRow(contract.table())))
          .as(contract.table())
          .isEmpty();
    }
  }

  @Test
  void aRowBreakingSeveralRulesListsThemAllInContractOrder() {
    Map<String, Object> row = validRow("dim_customer");
    row.put("country", null);
    row.put("email", null);
    row.put(EventColumns.OP, "?");

    assertThat(reasonsFor("dim_customer", row))
        .containsExactly("op_known", "email_not_null", "country_not_null");
  }

  @Test
  void aPendingShipmentWithNoShippedDateIsValid() {
    Map<String, Object> row = validRow("fact_shipments");
    row.put("delivery_status", "pending");
    row.put("shipped_date", null);
    row.put("delivered_date", null);

    assertThat(reasonsFor("fact_shipments", row)).isEmpty();
  }

  @Test
  void aRuleThatEvaluatesToNullFailsRatherThanDroppingTheRow() {
    // Without the IS NULL guards, "delivered_date >= shipped_date" is NULL for an undelivered
    // shipment. The old jobs filtered on such rules and lost the row from both outputs.
    Map<String, Object> row = validRow("fact_shipments");
    row.put("shipped_date", null);
    Dataset<Row> frame = frame("fact_shipments", row);
    Validation validation =
        Validation.of(
            contractWithRule(
                "fact_shipments", "delivered_after_shipped", "delivered_date >= shipped_date"),
            NOW);

    Dataset<Row> checked = validation.apply(frame);

    assertThat(checked.where(Validation.isValid()).count()).isZero();
    assertThat(checked.where(Validation.isQuarantined()).count()).isEqualTo(1);
    assertThat(checked.first().<String>getList(checked.first().fieldIndex(Validation.REASONS)))
        .containsExactly("delivered_after_shipped");
  }

  @Test
  void validAndQuarantinedSplitTheRowsExactly() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Map<String, Object> row = validRow("dim_product");
      row.put("product_id", i);
      row.put("stock_qty", i % 3 == 0 ? null : i - 5);
      rows.add(row);
    }
    Dataset<Row> checked =
        Validation.of(CONTRACTS.get("dim_product"), NOW).apply(frame("dim_product", rows));

    long valid = checked.where(Validation.isValid()).count();
    long quarantined = checked.where(Validation.isQuarantined()).count();

    // stock_qty NULL (i = 0, 3, 6, 9) or negative (i = 1, 2, 4): 7 quarantined.
    assertThat(quarantined).isEqualTo(7);
    assertThat(valid).isEqualTo(3);
  }

  // ---- fixtures

  /** An instant, as Spark hands a timestamp column to Java. */
  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static List<String> reasonsFor(String table, Map<String, Object> row) {
    Dataset<Row> checked =
        Validation.of(CONTRACTS.get(table), NOW)
            .apply(DerivedColumns.apply(frame(table, row), CONTRACTS.get(table).derived()));
    Row result = checked.first();
    return result.getList(result.fieldIndex(Validation.REASONS));
  }

  private static Contract contractWithRule(String table, String name, String expression) {
    Contract base = CONTRACTS.get(table);
    return new Contract(
        base.table(),
        base.description(),
        base.bronze(),
        base.key(),
        base.columns(),
        base.enrichments(),
        base.derived(),
        List.of(new dev.dmssilver.contract.Rule(name, expression)),
        base.partition(),
        base.gate());
  }

  private static Dataset<Row> frame(String table, Map<String, Object> row) {
    return frame(table, List.of(row));
  }

  private static Dataset<Row> frame(String table, List<Map<String, Object>> rows) {
    Contract contract = CONTRACTS.get(table);
    StructType schema = new StructType();
    for (ColumnSpec column : contract.columns()) {
      schema = schema.add(column.name(), column.type().sparkType());
    }
    for (Enrichment enrichment : contract.enrichments()) {
      for (ColumnSpec column : enrichment.columns()) {
        schema = schema.add(column.name(), column.type().sparkType());
      }
      schema = schema.add(EnrichmentJoin.matchedColumn(enrichment), DataTypes.BooleanType);
    }
    schema =
        schema
            .add(EventColumns.OP, DataTypes.StringType)
            .add(EventColumns.COMMIT_TIMESTAMP, DataTypes.TimestampType);
    List<Row> data = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Object[] values = new Object[schema.fields().length];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(schema.fields()[i].name());
      }
      data.add(RowFactory.create(values));
    }
    return TestSpark.session().createDataFrame(data, schema);
  }

  private static Map<String, Object> validRow(String table) {
    Map<String, Object> row = new LinkedHashMap<>();
    Timestamp updated = Timestamp.valueOf("2024-01-15 10:00:00");
    switch (table) {
      case "dim_customer" -> {
        row.put("customer_id", 1);
        row.put("first_name", "Ada");
        row.put("last_name", "Lovelace");
        row.put("email", "ada@example.com");
        row.put("country", "GB");
        row.put("phone", null);
        row.put("signup_date", at("2024-01-01T12:00:00Z"));
      }
      case "dim_product" -> {
        row.put("product_id", 1);
        row.put("name", "Acme kettle");
        row.put("category", "kitchen");
        row.put("brand", "Acme");
        row.put("unit_price", new BigDecimal("19.99"));
        row.put("stock_qty", 0);
      }
      case "fact_orders" -> {
        row.put("order_id", 1);
        row.put("customer_id", 2);
        row.put("order_date", at("2024-01-15T12:00:00Z"));
        row.put("order_status", "pending");
      }
      case "fact_order_items" -> {
        row.put("order_item_id", 1);
        row.put("order_id", 2);
        row.put("product_id", 3);
        row.put("quantity", 2);
        row.put("unit_price", new BigDecimal("5.00"));
        row.put("line_total", new BigDecimal("10.00"));
        row.put("order_date", at("2024-01-15T12:00:00Z"));
        row.put("_matched_order_exists", true);
      }
      case "fact_payments" -> {
        row.put("payment_id", 1);
        row.put("order_id", 2);
        row.put("method", "paypal");
        row.put("amount", new BigDecimal("10.00"));
        row.put("status", "completed");
        row.put("payment_date", at("2024-01-15T12:00:00Z"));
      }
      case "fact_shipments" -> {
        row.put("shipment_id", 1);
        row.put("order_id", 2);
        row.put("carrier", "UPS");
        row.put("delivery_status", "delivered");
        row.put("shipped_date", at("2024-01-02T12:00:00Z"));
        row.put("delivered_date", at("2024-01-04T12:00:00Z"));
      }
      default -> throw new IllegalArgumentException(table);
    }
    row.put("updated_at", updated);
    row.put(EventColumns.OP, "U");
    row.put(EventColumns.COMMIT_TIMESTAMP, COMMITTED);
    return new HashMap<>(row);
  }
}
