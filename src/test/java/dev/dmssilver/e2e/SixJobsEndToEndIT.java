package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.demo.GeneratedShop;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All six jobs, run concurrently over generated DMS Bronze (full load, a week of CDC, deletes,
 * re-inserts, schema drift, a task restart with a second full load and re-sent CDC). The expected
 * tables come from the generator's simulated source database, not from the code under test: its
 * final rows are what CDC resolution must rebuild, and the contracts' rules are restated here in
 * plain Java.
 */
class SixJobsEndToEndIT {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  @TempDir static Path folder;
  private static SparkSession spark;
  private static GeneratedShop shop;
  private static CatalogSettings catalog;
  private static Contracts contracts;
  private static List<JobResult> results;
  private static final Map<String, List<String>> FIRST_RUN = new HashMap<>();

  /** Runs all six jobs twice over the same Bronze; the tests look at both runs. */
  @BeforeAll
  static void runAllSixJobsTwice() {
    spark = TestSpark.session();
    String bronze = folder.resolve("bronze").toString();
    shop = DemoGenerator.generateShop(new Configuration(), bronze, DemoOptions.withEvents(20_000));
    catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    contracts = Contracts.fromDirectory(JOBS);
    List<Contract> all = new ArrayList<>(contracts.all());
    JobRuns.runAll(
        spark, RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, contracts), all);
    for (String table : tablesIncludingQuarantine()) {
      FIRST_RUN.put(table, contentOf(table));
    }
    results =
        JobRuns.runAll(
            spark, RunSettings.of(BronzeSettings.withDefaults(bronze), catalog, contracts), all);
  }

  @Test
  void aSecondRunOverTheSameBronzeGivesIdenticalTablesAndOneNewSnapshotPerJob() {
    for (String table : tablesIncludingQuarantine()) {
      assertThat(contentOf(table)).as(table).isEqualTo(FIRST_RUN.get(table));
    }
    for (Contract contract : contracts.all()) {
      assertThat(Tables.snapshotCount(spark, catalog.qualified(contract.table())))
          .as(contract.table())
          .isEqualTo(2);
    }
    // The quarantine table gets one snapshot per job per run.
    assertThat(Tables.snapshotCount(spark, catalog.qualified("quarantine"))).isEqualTo(12);
  }

  private static List<String> tablesIncludingQuarantine() {
    List<String> tables = new ArrayList<>(contracts.tables());
    tables.add("quarantine");
    return tables;
  }

  /** A table's rows, leaving out what differs between runs by design: run id and time. */
  private static List<String> contentOf(String table) {
    if (table.equals("quarantine")) {
      return Tables.rows(
          spark,
          catalog.qualified(table),
          "table_name",
          "record_key",
          "reasons",
          "record",
          "source_op",
          "source_commit_timestamp",
          "source_file");
    }
    return Tables.rows(spark, catalog.qualified(table), "*");
  }

  @Test
  void everyJobSucceeds() {
    for (JobResult result : results) {
      assertThat(result.failure()).as(result.table()).isEmpty();
    }
  }

  @Test
  void everySilverTableHoldsExactlyTheValidCurrentSourceRows() {
    for (Contract contract : contracts.all()) {
      String[] columns =
          contract.silverColumns().stream().map(ColumnSpec::name).toArray(String[]::new);

      assertThat(Tables.rows(spark, catalog.qualified(contract.table()), columns))
          .as(contract.table())
          .isEqualTo(expected(contract).silver);
    }
  }

  @Test
  void theQuarantineTableHoldsExactlyTheInvalidCurrentSourceRowsWithTheirReasons() {
    List<String> expected = new ArrayList<>();
    for (Contract contract : contracts.all()) {
      expected.addAll(expected(contract).quarantine);
    }
    expected.sort(null);

    assertThat(
            Tables.rows(
                spark, catalog.qualified("quarantine"), "table_name", "record_key", "reasons"))
        .isEqualTo(expected);
  }

  @Test
  void theHistoryExercisesWhatItShould() {
    Map<String, JobResult> byTable = new HashMap<>();
    results.forEach(result -> byTable.put(result.table(), result));

    assertThat(byTable.get("dim_customer").counts().get().deletedKeys()).isPositive();
    assertThat(byTable.get("dim_customer").bronze().get().ignoredColumns())
        .containsExactly("marketing_opt_in");
    assertThat(byTable.get("fact_order_items").counts().get().rowsByReason())
        .containsKey("order_exists");
    assertThat(byTable.get("fact_orders").counts().get().quarantinedRows()).isPositive();
    long quarantined = results.stream().mapToLong(r -> r.counts().get().quarantinedRows()).sum();
    long current = results.stream().mapToLong(r -> r.counts().get().currentRows()).sum();
    assertThat((double) quarantined / current).isBetween(0.002, 0.03);
  }

  // ---- the oracle

  private record Expected(List<String> silver, List<String> quarantine) {}

  private static Expected expected(Contract contract) {
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
        LocalDate shipped = (LocalDate) row.get("shipped_date");
        LocalDate delivered = (LocalDate) row.get("delivered_date");
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
            contract.table()
                + "|"
                + text(row.get(contract.key().get(0)))
                + "|"
                + reasons.toString());
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
        LocalDate shipped = (LocalDate) row.get("shipped_date");
        LocalDate delivered = (LocalDate) row.get("delivered_date");
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

  /** A value as Spark renders it when cast to string. */
  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      String text = time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
      String fraction = String.format("%09d", time.getNano()).replaceAll("0+$", "");
      return fraction.isEmpty() ? text : text + "." + fraction;
    }
    return value.toString();
  }
}
