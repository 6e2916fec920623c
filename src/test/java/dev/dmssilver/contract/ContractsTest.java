package dev.dmssilver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  private static final String ORDERS =
      """
      table: fact_orders
      bronze: {table: orders}
      key: [order_id]
      columns:
        order_id: bigint
        order_date: date
        order_status: string
      partition: months(order_date)
      rules:
        order_status_known: order_status IN ('pending', 'shipped')
      """;

  @Test
  void theSixContractsInJobsLoadStrictly() {
    Contracts contracts = Contracts.fromDirectory(JOBS);

    assertThat(contracts.tables())
        .containsExactly(
            "dim_customer",
            "dim_product",
            "fact_order_items",
            "fact_orders",
            "fact_payments",
            "fact_shipments");
  }

  @Test
  void theBundledContractsAreTheOnesInJobs() {
    Contracts bundled = Contracts.bundled();
    Contracts fromJobs = Contracts.fromDirectory(JOBS);

    assertThat(bundled.tables()).isEqualTo(fromJobs.tables());
    for (Contract contract : fromJobs.all()) {
      assertThat(bundled.get(contract.table()).silverColumns().toString())
          .isEqualTo(contract.silverColumns().toString());
      assertThat(bundled.get(contract.table()).rules().toString())
          .isEqualTo(contract.rules().toString());
    }
  }

  @Test
  void factsArePartitionedByMonthAndDimensionsAreNot() {
    Contracts contracts = Contracts.fromDirectory(JOBS);

    assertThat(contracts.get("fact_orders").partition().get().sparkDdl())
        .isEqualTo("months(`order_date`)");
    assertThat(contracts.get("fact_order_items").partition().get().column())
        .isEqualTo("order_date");
    assertThat(contracts.get("fact_payments").partition().get().column()).isEqualTo("payment_date");
    assertThat(contracts.get("fact_shipments").partition().get().column())
        .isEqualTo("shipped_date");
    assertThat(contracts.get("dim_customer").partition()).isEmpty();
    assertThat(contracts.get("dim_product").partition()).isEmpty();
  }

  @Test
  void orderItemsTakeOrderDateFromTheCurrentOrders() {
    Contract items = Contracts.fromDirectory(JOBS).get("fact_order_items");

    assertThat(items.enrichments()).hasSize(1);
    Enrichment enrichment = items.enrichments().get(0);
    assertThat(enrichment.fromContract()).isEqualTo("fact_orders");
    assertThat(enrichment.rule()).isEqualTo("order_exists");
    assertThat(enrichment.on()).isEqualTo(Map.of("order_id", "order_id"));
    assertThat(enrichment.columns().toString()).isEqualTo("[order_date timestamp]");
    assertThat(items.silverColumns().toString())
        .isEqualTo(
            "[order_item_id int, order_id int, product_id int, quantity int,"
                + " unit_price decimal(10,2), line_total decimal(10,2), updated_at timestamp,"
                + " order_date timestamp]");
  }

  @Test
  void shipmentsDeriveDeliveryDays() {
    Contract shipments = Contracts.fromDirectory(JOBS).get("fact_shipments");

    assertThat(shipments.derived()).hasSize(1);
    assertThat(shipments.derived().get(0).name()).isEqualTo("delivery_days");
    assertThat(shipments.derived().get(0).expression())
        .isEqualTo("datediff(delivered_date, shipped_date)");
  }

  @Test
  void theSixContractsDeclareTheTypesDmsDeliversForTheSourceDdl() {
    // SERIAL and INTEGER arrive as int, NUMERIC(10,2) as decimal(10,2), TIMESTAMPTZ as an instant.
    // The end-to-end suite checks the same against a live PostgreSQL's catalog.
    Contracts contracts = Contracts.fromDirectory(JOBS);

    assertThat(contracts.get("dim_customer").columns().toString())
        .isEqualTo(
            "[customer_id int, first_name string, last_name string, email string, country string,"
                + " phone string, signup_date timestamp, updated_at timestamp]");
    assertThat(contracts.get("fact_payments").columns().toString())
        .isEqualTo(
            "[payment_id int, order_id int, method string, amount decimal(10,2), status string,"
                + " payment_date timestamp, updated_at timestamp]");
    for (Contract contract : contracts.all()) {
      for (ColumnSpec column : contract.columns()) {
        assertThat(column.isConverted()).as(contract.table() + "." + column.name()).isFalse();
      }
    }
  }

  @Test
  void aColumnMayDeclareASafeWideningForSilver() {
    Contract contract =
        build(ORDERS.replace("order_id: bigint", "order_id: {type: int, silver: bigint}"));

    ColumnSpec orderId = contract.columns().get(0);
    assertThat(orderId.sourceType().sqlName()).isEqualTo("int");
    assertThat(orderId.type().sqlName()).isEqualTo("bigint");
    assertThat(orderId.toString()).isEqualTo("order_id int as bigint");
  }

  @Test
  void aWideningThatCouldLoseAValueIsRefusedAndTheConversionSpellingOffered() {
    String yaml = ORDERS.replace("order_date: date", "order_date: {type: timestamp, silver: date}");

    assertThatThrownBy(() -> build(yaml))
        .isInstanceOf(SilverException.class)
        .hasMessage(
            "Cannot use contract fact_orders: column order_date: timestamp does not widen safely"
                + " to date. To store it narrower on purpose, declare convert_to: date");
  }

  @Test
  void anInstantStoredAsItsUtcDateIsAnExplicitConversion() {
    Contract contract =
        build(
            ORDERS.replace("order_date: date", "order_date: {type: timestamp, convert_to: date}"));

    ColumnSpec orderDate = contract.columns().get(1);
    assertThat(orderDate.sourceType().sqlName()).isEqualTo("timestamp");
    assertThat(orderDate.type().sqlName()).isEqualTo("date");
    assertThat(contract.partition().get().column()).isEqualTo("order_date");
  }

  @Test
  void aConversionThatCouldFailIsRefused() {
    String yaml =
        ORDERS.replace("order_id: bigint", "order_id: {type: 'decimal(12,2)', convert_to: int}");

    assertThatThrownBy(() -> build(yaml))
        .hasMessage(
            "Cannot use contract fact_orders: column order_id: cannot convert decimal(12,2) to"
                + " int; the supported conversions are timestamp to date (the UTC calendar day)"
                + " and any type to string");
  }

  @Test
  void aColumnCannotBothWidenAndConvert() {
    String yaml =
        ORDERS.replace(
            "order_id: bigint", "order_id: {type: int, silver: bigint, convert_to: string}");

    assertThatThrownBy(() -> parse(yaml))
        .hasMessageContaining("column order_id declares both silver and convert_to");
  }

  @Test
  void aColumnMappingWithoutItsSourceTypeIsAnError() {
    String yaml = ORDERS.replace("order_id: bigint", "order_id: {silver: bigint}");

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage("Cannot load contract test.yaml: missing required key 'columns.order_id.type'");
  }

  @Test
  void aMisspeltKeyInAColumnMappingIsAnErrorNamingIt() {
    String yaml = ORDERS.replace("order_id: bigint", "order_id: {type: int, silvr: bigint}");

    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("unknown key 'silvr'");
  }

  @Test
  void aMisspeltKeyIsAnErrorNamingIt() {
    String yaml = ORDERS.replace("columns:", "colums:");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(SilverException.class)
        .hasMessageContaining("unknown key 'colums'")
        .hasMessageContaining("line 4");
  }

  @Test
  void anUnknownKeyInsideANestedBlockIsAnError() {
    String yaml = ORDERS.replace("bronze: {table: orders}", "bronze: {table: orders, format: csv}");

    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("unknown key 'format'");
  }

  @Test
  void aDuplicateKeyIsAnError() {
    String yaml =
        ORDERS.replace("  order_status: string\n", "  order_status: string\n  order_date: date\n");

    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("Duplicate field 'order_date'");
  }

  @Test
  void aMissingRequiredKeyIsAnError() {
    String yaml = ORDERS.replace("key: [order_id]\n", "");

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage("Cannot load contract test.yaml: missing required key 'key'");
  }

  @Test
  void aTypeAthenaCannotStoreIsRefused() {
    String yaml = ORDERS.replace("order_id: bigint", "order_id: smallint");

    assertThatThrownBy(() -> build(yaml))
        .hasMessageContaining("Cannot use column type 'smallint'")
        .hasMessageContaining("decimal(p,s)");
  }

  @Test
  void aKeyColumnMustBeAColumn() {
    String yaml = ORDERS.replace("key: [order_id]", "key: [id]");

    assertThatThrownBy(() -> build(yaml))
        .hasMessage("Cannot use contract fact_orders: key column id is not among its columns");
  }

  @Test
  void aRuleCannotTakeABuiltInReasonName() {
    String yaml = ORDERS.replace("order_status_known:", "op_known:");

    assertThatThrownBy(() -> build(yaml))
        .hasMessage(
            "Cannot use contract fact_orders: rule name op_known is reserved for a built-in rule");
  }

  @Test
  void thePartitionColumnMustBeADateOrTimestampColumn() {
    assertThatThrownBy(() -> build(ORDERS.replace("months(order_date)", "months(order_status)")))
        .hasMessage(
            "Cannot use contract fact_orders: partition column order_status must be a date or"
                + " timestamp");
    assertThatThrownBy(() -> build(ORDERS.replace("months(order_date)", "buckets(order_date)")))
        .hasMessageContaining("expected years(column), months(column) or days(column)");
  }

  @Test
  void hostileNamesAreRefusedBeforeTheyReachSql() {
    assertThatThrownBy(
            () -> build(ORDERS.replace("order_status: string", "\"x`; DROP TABLE y\": string")))
        .hasMessageContaining("Cannot use column name 'x`; DROP TABLE y'");
    assertThatThrownBy(() -> build(ORDERS.replace("table: fact_orders", "table: Fact-Orders")))
        .hasMessageContaining("Cannot use Silver table name 'Fact-Orders'");
  }

  @Test
  void theFileNameMustMatchTheTable(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("orders.yaml"), ORDERS);

    assertThatThrownBy(() -> Contracts.fromDirectory(folder))
        .hasMessageContaining("a contract for table fact_orders must be named fact_orders.yaml");
  }

  @Test
  void anEnrichmentMustJoinOnTheOtherEntitysWholeKey() {
    String items =
        """
        table: fact_order_items
        bronze: {table: order_items}
        key: [order_item_id]
        columns: {order_item_id: bigint, order_id: bigint}
        enrich:
          - from: fact_orders
            rule: order_exists
            on: {order_id: order_status}
            columns: [order_date]
        """;

    assertThatThrownBy(() -> build(ORDERS, items))
        .hasMessageContaining("enrichment must join on the whole key of fact_orders [order_id]");
  }

  @Test
  void anEnrichmentTakesItsColumnTypesFromTheOtherContract() {
    String items =
        """
        table: fact_order_items
        bronze: {table: order_items}
        key: [order_item_id]
        columns: {order_item_id: bigint, order_id: bigint}
        enrich:
          - from: fact_orders
            rule: order_exists
            on: {order_id: order_id}
            columns: [order_date]
        """;

    Contract contract = build(ORDERS, items).get("fact_order_items");

    assertThat(contract.silverColumns().toString())
        .isEqualTo("[order_item_id bigint, order_id bigint, order_date date]");
    assertThat(contract.reasons()).containsExactly("order_exists");
  }

  @Test
  void aSeventhEntityNeedsOnlyAContract(@TempDir Path folder) throws Exception {
    for (String name : List.of("dim_customer", "fact_orders")) {
      Files.copy(JOBS.resolve(name + ".yaml"), folder.resolve(name + ".yaml"));
    }
    Files.writeString(
        folder.resolve("dim_store.yaml"),
        """
        table: dim_store
        bronze: {table: stores}
        key: [store_id]
        columns: {store_id: bigint, city: string}
        rules: {city_not_null: city IS NOT NULL}
        """);

    Contracts contracts = Contracts.fromDirectory(folder);

    assertThat(contracts.tables()).containsExactly("dim_customer", "dim_store", "fact_orders");
    assertThat(contracts.get("dim_store").reasons()).containsExactly("city_not_null");
  }

  private static ContractDocument parse(String yaml) {
    return Contracts.parse(
        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Contract build(String yaml) {
    Map<String, ContractDocument> documents = new TreeMap<>();
    ContractDocument document = parse(yaml);
    documents.put(document.table + ".yaml", document);
    return Contracts.build("test", documents).get(document.table);
  }

  private static Contracts build(String... yamls) {
    Map<String, ContractDocument> documents = new TreeMap<>();
    for (String yaml : yamls) {
      ContractDocument document = parse(yaml);
      documents.put(document.table + ".yaml", document);
    }
    return Contracts.build("test", documents);
  }
}
