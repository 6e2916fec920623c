package dev.dmssilver.job;

import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;
import static dev.dmssilver.testing.BronzeFixture.changeSequence;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.decimal;
import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.money;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.Publisher;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.StagedSilver;
import dev.dmssilver.lakehouse.WriteSettings;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.GenuineDmsFixtures;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on tiny DMS histories, asserting whole Silver and quarantine tables. */
class JobRunnerTest {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path folder;
  private SparkSession spark;
  private BronzeFixture bronze;
  private CatalogSettings catalog;
  private Contracts contracts;

  @BeforeEach
  void setUp() {
    spark = TestSpark.session();
    bronze = new BronzeFixture(folder.resolve("bronze"));
    catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    contracts = Contracts.fromDirectory(JOBS);
  }

  private static List<DmsColumn> orderLoadColumns() {
    return columns(
        commitTimestamp(),
        column("order_id", INT),
        column("customer_id", INT),
        column("order_date", TIMESTAMP_MILLIS),
        column("order_status", STRING),
        column("updated_at", TIMESTAMP_MILLIS),
        changeSequence());
  }

  private static List<DmsColumn> orderCdcColumns() {
    return columns(
        op(),
        commitTimestamp(),
        column("order_id", INT),
        column("customer_id", INT),
        column("order_date", TIMESTAMP_MILLIS),
        column("order_status", STRING),
        column("updated_at", TIMESTAMP_MILLIS),
        changeSequence());
  }

  private static List<DmsColumn> itemColumns(boolean withOp) {
    List<DmsColumn> columns =
        withOp ? columns(op(), commitTimestamp()) : columns(commitTimestamp());
    columns.addAll(
        List.of(
            column("order_item_id", INT),
            column("order_id", INT),
            column("product_id", INT),
            column("quantity", INT),
            decimal("unit_price", 10, 2),
            decimal("line_total", 10, 2),
            column("updated_at", TIMESTAMP_MILLIS)));
    return columns;
  }

  private void writeOrders() {
    String load = "2024-01-15 00:00:00.000000";
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        orderLoadColumns(),
        row(
            load,
            1,
            100,
            instant("2024-01-14T12:00:00Z"),
            "pending",
            instant("2024-01-14T08:00:00Z"),
            ""),
        row(
            load,
            2,
            100,
            instant("2024-01-14T12:00:00Z"),
            "pending",
            instant("2024-01-14T09:00:00Z"),
            ""),
        row(
            load,
            3,
            101,
            instant("2024-01-14T12:00:00Z"),
            "pending",
            instant("2024-01-14T10:00:00Z"),
            ""),
        row(
            load,
            4,
            102,
            instant("2023-12-31T12:00:00Z"),
            "pending",
            instant("2023-12-31T23:00:00Z"),
            ""));
    bronze.write(
        "orders",
        "2024/01/15/20240115-101500000.parquet",
        orderCdcColumns(),
        row(
            "U",
            "2024-01-15 10:00:00.000001",
            1,
            100,
            instant("2024-01-14T12:00:00Z"),
            "shipped",
            instant("2024-01-15T10:00:00Z"),
            "1"),
        row("D", "2024-01-15 10:00:00.000002", 2L, null, null, null, null, "2"),
        row(
            "I",
            "2024-01-15 10:00:00.000003",
            5,
            103,
            instant("2024-01-15T12:00:00Z"),
            "on_hold",
            instant("2024-01-15T10:00:00Z"),
            "3"),
        row(
            "U",
            "2024-01-15 10:00:00.000004",
            3,
            null,
            instant("2024-01-14T12:00:00Z"),
            "confirmed",
            instant("2024-01-15T10:00:00Z"),
            "4"),
        row(
            "I",
            "2024-01-15 10:00:00.000005",
            6,
            104,
            instant("2024-01-15T12:00:00Z"),
            "pending",
            instant("2024-01-15T10:00:00Z"),
            "5"),
        row("D", "2024-01-15 10:00:00.000006", 6L, null, null, null, null, "6"));
    bronze.write(
        "orders",
        "2024/01/16/20240116-090000000.parquet",
        orderCdcColumns(),
        row(
            "I",
            "2024-01-16 09:00:00.000000",
            2,
            100,
            instant("2024-01-16T12:00:00Z"),
            "confirmed",
            instant("2024-01-16T09:00:00Z"),
            "7"),
        row(
            "X",
            "2024-01-16 09:00:00.000001",
            4,
            102,
            instant("2023-12-31T12:00:00Z"),
            "delivered",
            instant("2024-01-16T09:00:00Z"),
            "8"));
  }

  private void writeOrderItems() {
    String load = "2024-01-15 00:00:00.000000";
    bronze.write(
        "order_items",
        "LOAD00000001.parquet",
        itemColumns(false),
        row(load, 10, 1, 7, 2, money("5.00"), money("10.00"), instant("2024-01-14T08:00:00Z")),
        row(load, 11, 2, 7, 1, money("5.00"), money("5.00"), instant("2024-01-14T09:00:00Z")),
        row(load, 12, 99, 8, 1, money("3.00"), money("3.00"), instant("2024-01-14T09:00:00Z")));
    bronze.write(
        "order_items",
        "2024/01/15/20240115-101500000.parquet",
        itemColumns(true),
        row(
            "I",
            "2024-01-15 10:00:00.000003",
            13,
            3,
            8,
            3,
            money("3.00"),
            money("9.00"),
            instant("2024-01-15T10:00:00Z")),
        row(
            "I",
            "2024-01-15 10:00:00.000005",
            14,
            6,
            8,
            1,
            money("3.00"),
            money("3.00"),
            instant("2024-01-15T10:00:00Z")),
        row(
            "I",
            "2024-01-15 10:00:00.000005",
            15,
            1,
            8,
            0,
            money("3.00"),
            money("0.00"),
            instant("2024-01-15T10:00:00Z")));
  }

  /** The settings every test runs with unless it says otherwise: run id run-1, a fixed clock. */
  private RunSettings settings() {
    return settingsAt("run-1", CLOCK);
  }

  private JobResult run(String table) {
    return run(settings(), table);
  }

  private JobResult run(RunSettings settings, String table) {
    JobRuns.prepareShared(spark, settings);
    return new JobRunner(spark, settings).run(settings.contracts().get(table));
  }

  @Test
  void writeSettingsReachTheIcebergWrite() {
    writeOrders();
    RunSettings settings = settings();

    run(settings, "fact_orders");
    List<Row> hashed = filesPerMonth();
    List<String> rows = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    run(
        settings
            .withRunId("run-2")
            .withWrites(new WriteSettings(WriteSettings.Distribution.NONE, null)),
        "fact_orders");
    List<Row> unshuffled = filesPerMonth();

    // Hash distribution (the table default) gives each month one writer; without it, every task
    // holding a month's rows writes a file of its own.
    assertThat(hashed).allSatisfy(month -> assertThat(month.getLong(1)).isEqualTo(1));
    assertThat(unshuffled).anySatisfy(month -> assertThat(month.getLong(1)).isGreaterThan(1));
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*"))
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(rows);
  }

  private List<Row> filesPerMonth() {
    return spark
        .sql(
            "SELECT partition.order_date_month, count(*) FROM "
                + catalog.qualified("fact_orders")
                + ".files GROUP BY 1 ORDER BY 1")
        .collectAsList();
  }

  @Test
  void ordersResolveToTheirCurrentStateAndInvalidOnesAreQuarantinedWithReasons() {
    writeOrders();

    JobResult result = run("fact_orders");

    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("fact_orders"),
                "order_id",
                "customer_id",
                "order_date",
                "order_status",
                "updated_at"))
        .containsExactly(
            "1|100|2024-01-14 12:00:00|shipped|2024-01-15 10:00:00",
            "2|100|2024-01-16 12:00:00|confirmed|2024-01-16 09:00:00");
    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("quarantine"),
                "table_name",
                "record_key",
                "reasons",
                "source_op",
                "source_commit_timestamp",
                "run_id"))
        .containsExactly(
            "fact_orders|3|[customer_id_not_null]|U|2024-01-15 10:00:00.000004|run-1",
            "fact_orders|4|[op_known]|X|2024-01-16 09:00:00.000001|run-1",
            "fact_orders|5|[order_status_known]|I|2024-01-15 10:00:00.000003|run-1");
    assertThat(
            Tables.rows(
                    spark,
                    catalog.qualified("quarantine"),
                    "record",
                    "source_file",
                    "quarantined_at")
                .get(0))
        .isEqualTo(
            "{\"order_id\":3,\"order_date\":\"2024-01-14T12:00:00.000Z\",\"order_status\":\"confirmed\","
                + "\"updated_at\":\"2024-01-15T10:00:00.000Z\"}|file://"
                + bronze.tableFolder("orders")
                + "/2024/01/15/20240115-101500000.parquet|2024-02-01 00:00:00");
    assertThat(result.bronze().get().files()).isEqualTo(3);
    assertThat(result.bronze().get().events()).isEqualTo(12);
    assertThat(result.counts().get().currentRows()).isEqualTo(5);
    assertThat(result.counts().get().deletedKeys()).isEqualTo(1);
    assertThat(result.counts().get().rowsByReason())
        .isEqualTo(Map.of("customer_id_not_null", 1L, "op_known", 1L, "order_status_known", 1L));
    assertThat(result.counts().get().newestCommit())
        .contains(Instant.parse("2024-01-16T09:00:00.000001Z"));
  }

  @Test
  void orderItemsTakeTheDateOfTheirCurrentOrderAndOrphansFailOrderExists() {
    writeOrders();
    writeOrderItems();

    run("fact_order_items");

    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("fact_order_items"),
                "order_item_id",
                "order_id",
                "product_id",
                "quantity",
                "line_total",
                "order_date"))
        .containsExactly(
            "10|1|7|2|10.00|2024-01-14 12:00:00",
            "11|2|7|1|5.00|2024-01-16 12:00:00",
            // Order 3 is current (though quarantined in fact_orders), so its item is valid.
            "13|3|8|3|9.00|2024-01-14 12:00:00");
    assertThat(
            Tables.rows(
                spark, catalog.qualified("quarantine"), "table_name", "record_key", "reasons"))
        .containsExactly(
            "fact_order_items|12|[order_exists]",
            "fact_order_items|14|[order_exists]",
            "fact_order_items|15|[quantity_positive, line_total_positive]");
  }

  @Test
  void factTablesAreHiddenPartitionedByMonth() {
    writeOrders();

    run("fact_orders");

    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("fact_orders") + ".partitions",
                "partition.order_date_month",
                "record_count"))
        .containsExactly("648|2");
    assertThat(
            spark.sql("SHOW CREATE TABLE " + catalog.qualified("fact_orders")).first().getString(0))
        .contains("PARTITIONED BY (months(order_date))")
        .contains("'format-version' = '2'")
        .contains("'write.format.default' = 'parquet'");
  }

  @Test
  void aSecondRunOverTheSameBronzeGivesIdenticalTablesAndOneNewSnapshotEach() {
    writeOrders();
    run("fact_orders");
    List<String> silver = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    List<String> quarantine =
        Tables.rows(
            spark,
            catalog.qualified("quarantine"),
            "table_name",
            "record_key",
            "reasons",
            "record");
    long silverSnapshots = Tables.snapshotCount(spark, catalog.qualified("fact_orders"));
    long quarantineSnapshots = Tables.snapshotCount(spark, catalog.qualified("quarantine"));

    run(settings().withRunId("run-2"), "fact_orders");

    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*")).isEqualTo(silver);
    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("quarantine"),
                "table_name",
                "record_key",
                "reasons",
                "record"))
        .isEqualTo(quarantine);
    assertThat(Tables.snapshotCount(spark, catalog.qualified("fact_orders")))
        .isEqualTo(silverSnapshots + 1);
    assertThat(Tables.snapshotCount(spark, catalog.qualified("quarantine")))
        .isEqualTo(quarantineSnapshots + 1);
  }

  @Test
  void eachJobReplacesOnlyItsOwnSliceOfTheQuarantineTable() {
    writeOrders();
    writeOrderItems();
    run("fact_orders");
    run("fact_order_items");
    // New Bronze for orders fixes order 5; the items' quarantine rows must stay as they are.
    bronze.write(
        "orders",
        "2024/01/17/20240117-090000000.parquet",
        orderCdcColumns(),
        row(
            "U",
            "2024-01-17 09:00:00.000000",
            5,
            103,
            instant("2024-01-15T12:00:00Z"),
            "confirmed",
            instant("2024-01-17T09:00:00Z"),
            "9"));

    run("fact_orders");

    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "table_name", "record_key"))
        .containsExactly(
            "fact_order_items|12",
            "fact_order_items|14",
            "fact_order_items|15",
            "fact_orders|3",
            "fact_orders|4");
  }

  @Test
  void snapshotsRecordTheRunThatWroteThem() {
    writeOrders();

    JobResult result = run("fact_orders");

    Row summary =
        spark
            .sql(
                "SELECT summary FROM "
                    + catalog.qualified("fact_orders")
                    + ".snapshots WHERE summary['silver.run-id'] = 'run-1'")
            .first();
    Map<String, String> properties = summary.getJavaMap(0);
    assertThat(properties)
        .containsEntry(RunRecord.RUN_ID, "run-1")
        .containsEntry(RunRecord.JOB, "fact_orders")
        .containsEntry(RunRecord.BRONZE_FILES, "3")
        .containsEntry(RunRecord.BRONZE_EVENTS, "12")
        .containsEntry(RunRecord.BRONZE_NEWEST_COMMIT, "2024-01-16T09:00:00.000001Z")
        .containsEntry(RunRecord.SILVER_ROWS, "2")
        .containsEntry(RunRecord.QUARANTINE_ROWS, "3")
        .containsKey(RunRecord.VERSION);
    Row quarantineSummary =
        spark
            .sql(
                "SELECT summary FROM "
                    + catalog.qualified("quarantine")
                    + ".snapshots WHERE snapshot_id = "
                    + result.publication().get().quarantineSnapshotId())
            .first();
    assertThat(quarantineSummary.<String, String>getJavaMap(0))
        .containsEntry(RunRecord.RUN_ID, "run-1");
  }

  @Test
  void anUnparseableCommitTimestampStopsTheJobBeforeAnythingIsWritten() {
    writeOrders();
    run("fact_orders");
    List<String> before = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    long snapshots = Tables.snapshotCount(spark, catalog.qualified("fact_orders"));
    String bad =
        bronze.write(
            "orders",
            "2024/01/18/20240118-000000000.parquet",
            orderCdcColumns(),
            row(
                "U",
                "18/01/2024 00:00",
                1,
                100,
                instant("2024-01-14T12:00:00Z"),
                "delivered",
                instant("2024-01-18T00:00:00Z"),
                "10"));

    assertThatThrownBy(() -> run("fact_orders"))
        .isInstanceOf(SilverException.class)
        .hasMessage(
            "Cannot order Bronze table orders: 1 events have a missing or unparseable commit"
                + " timestamp, expected yyyy-MM-dd HH:mm:ss.SSSSSS, e.g. file://"
                + bad
                + ": 18/01/2024 00:00");
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*")).isEqualTo(before);
    assertThat(Tables.snapshotCount(spark, catalog.qualified("fact_orders"))).isEqualTo(snapshots);
  }

  @Test
  void aFutureCommitTimestampIsQuarantined() {
    writeOrders();
    bronze.write(
        "orders",
        "2024/01/17/20240117-090000000.parquet",
        orderCdcColumns(),
        row(
            "U",
            "2031-01-01 00:00:00.000000",
            1,
            100,
            instant("2024-01-14T12:00:00Z"),
            "delivered",
            instant("2024-01-17T09:00:00Z"),
            "9"));

    run("fact_orders");

    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "record_key", "reasons"))
        .contains("1|[commit_timestamp_not_future]");
  }

  @Test
  void eachRunComparesWithItsOwnStartAndALaterRunReusesTheCodeSparkCompiled() {
    writeOrders();
    bronze.write(
        "orders",
        "2024/02/01/20240201-003000000.parquet",
        orderCdcColumns(),
        row(
            "U",
            "2024-02-01 00:30:00.000000",
            1,
            100,
            instant("2024-01-14T12:00:00Z"),
            "delivered",
            instant("2024-02-01T00:30:00Z"),
            "9"));
    run(settingsAt("run-1", "2024-02-01T00:00:00Z"), "fact_orders");
    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "record_key", "reasons"))
        .contains("1|[commit_timestamp_not_future]");
    run(settingsAt("run-2", "2024-02-01T02:00:00Z"), "fact_orders");
    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "record_key"))
        .doesNotContain("1");
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "order_id", "order_status"))
        .contains("1|delivered");
    long compiledBefore = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();

    // As run-1's outcome, with a limit no run had: 00:15.
    run(settingsAt("run-3", "2024-02-01T00:10:00Z"), "fact_orders");

    // Spark writes a timestamp literal into the code it generates: had the run's start reached the
    // validation as one, this run's stages would be new code, compiled afresh.
    assertThat(CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compiledBefore)
        .as("generated classes Spark compiled for run-3")
        .isZero();
    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "record_key", "reasons"))
        .contains("1|[commit_timestamp_not_future]");
  }

  private RunSettings settingsAt(String runId, String startedAt) {
    return settingsAt(runId, Clock.fixed(Instant.parse(startedAt), ZoneOffset.UTC));
  }

  private RunSettings settingsAt(String runId, Clock clock) {
    return new RunSettings(
        BronzeSettings.withDefaults(bronze.root()),
        catalog,
        contracts,
        runId,
        clock,
        RunSettings.FUTURE_TOLERANCE_DEFAULT);
  }

  @Test
  void aRuleNamingAnUnknownColumnStopsTheJobBeforeBronzeIsRead(@TempDir Path contractFolder)
      throws Exception {
    Files.writeString(
        contractFolder.resolve("fact_orders.yaml"),
        Files.readString(JOBS.resolve("fact_orders.yaml"))
            .replace("customer_id IS NOT NULL", "custmer_id IS NOT NULL"));
    contracts = Contracts.fromDirectory(contractFolder);

    // No Bronze at all: the contract check must fail first.
    assertThatThrownBy(() -> run("fact_orders"))
        .isInstanceOf(SilverException.class)
        .hasMessageStartingWith(
            "Cannot use contract fact_orders: rule customer_id_not_null (custmer_id IS NOT NULL) is invalid")
        .hasMessageContaining("custmer_id");
  }

  @Test
  void theGenuineDmsFileBuildsASilverTable(@TempDir Path contractFolder) throws Exception {
    Path genuine = GenuineDmsFixtures.file("postgres-full-load-without-op/LOAD00000001.parquet");
    Path table = folder.resolve("bronze/public/dms_test_table");
    Files.createDirectories(table);
    Files.copy(genuine, table.resolve("LOAD00000001.parquet"));
    Files.writeString(
        contractFolder.resolve("dim_dms_test.yaml"),
        """
        table: dim_dms_test
        bronze: {table: dms_test_table}
        key: [id]
        columns:
          id: bigint
          my_int: bigint
          my_smallint: int
          my_numeric: decimal(18,2)
          my_real: double
          my_money: decimal(38,4)
          my_varchar: string
          my_timestamp: timestamp
          my_uuid: string
          my_jsonb: string
          my_bool: boolean
        rules:
          my_int_positive: my_int > 0
        """);
    contracts = Contracts.fromDirectory(contractFolder);
    RunSettings settings =
        new RunSettings(
            new BronzeSettings(bronze.root(), "public", "DMS_TIMESTAMP", "_dms_change_seq"),
            catalog,
            contracts,
            "run-genuine",
            CLOCK,
            RunSettings.FUTURE_TOLERANCE_DEFAULT);

    JobResult result = run(settings, "dim_dms_test");

    assertThat(result.bronze().get().ignoredColumns())
        .containsExactly("my_bytea", "my_double", "my_json", "my_text");
    assertThat(
            Tables.rows(
                spark,
                catalog.qualified("dim_dms_test"),
                "id",
                "my_int",
                "my_smallint",
                "my_numeric",
                "my_money",
                "my_varchar",
                "my_timestamp",
                "my_uuid",
                "my_bool"))
        .containsExactly(
            "10|887014278|4444|157066536.12|37779444110.9700|coffspq|2021-10-02 15:42:24.856|3458271b-2ce4-4183-965a-92ba0731dda2|false",
            "1|1298498081|15887|1427131847.59|47632969758.5400||2021-10-31 15:34:12.458|181e9c5d-9b55-4535-8c6e-6c8c1234b807|false",
            "2|531430493|27086|1272649819.81|12664053511.7100|tco|2022-04-03 00:25:27.534|b98aa0f0-69ba-4b8b-a757-290676933e57|true",
            "3|295931968|1166|1157653710.35|66987393410.6600|zbsboji|2022-04-01 00:35:11.574|37d82637-2fec-4125-b3f1-47109702a0cf|true",
            "4|1394121509|15215|1792731719.14|98888068528.0000|dtrz|2021-12-28 13:21:30.615|1b3d8305-7ba6-472d-ae56-5c1ac385196b|true",
            "5|563694405|3276|797761509.66|19281803308.8300|bsdjs|2022-05-29 19:15:38.657|c4c055dc-09a2-4286-8e79-ad3dd7c9555c|false",
            "6|474591420|14044|839327759.70|56256589251.7700|odm|2021-12-30 18:03:07.696|b393258f-543d-4061-a47b-1da389f7a97a|true",
            "7|1735685666|8913|1309857045.41|59018283294.2200|fgpyck|2021-11-21 18:29:06.736|25342259-7007-4a77-b818-c9805ae57258|false",
            "8|539467150|16907|1407497222.45|91479176190.9000|ex|2021-10-14 10:13:18.774|0f437385-686c-4175-acdd-ce463d2b8005|true",
            "9|193987636|21338|212968784.44|57456026954.3900|svv|2022-05-31 21:10:21.813|44ab133f-aa87-4f89-92ad-c0605a7d8177|false");
    // Full-load rows count as of the load's start, the earliest of their DMS_TIMESTAMPs (the
    // latest is 06:46:18.618167).
    assertThat(result.counts().get().newestCommit())
        .contains(Instant.parse("2022-07-26T06:46:18.616807Z"));
  }

  @Test
  void theInvariantCheckFailsWhenRowsLandInNeitherOutput() {
    // A reasons column that is NULL (a broken validation) puts a row in neither Silver nor
    // quarantine: the check must catch it before anything is written.
    dev.dmssilver.quality.OutcomeCounts broken =
        dev.dmssilver.quality.OutcomeCounts.of(
            spark.sql(
                "SELECT 'I' AS _event_op, CAST(NULL AS array<string>) AS _reasons, 1L AS _key_event_count,"
                    + " TIMESTAMP '2024-01-01 00:00:00' AS _event_commit_timestamp,"
                    + " '2024-01-01 00:00:00' AS _event_commit_timestamp_text,"
                    + " 'file:/x/a.parquet' AS _event_file, false AS _event_before_full_load"),
            List.of());

    assertThatThrownBy(
            () ->
                JobRunner.checkBeforeWriting(
                    contracts.get("fact_orders"),
                    new dev.dmssilver.bronze.BronzeInventory(
                        "orders",
                        "x",
                        List.of(
                            new dev.dmssilver.bronze.BronzeFile(
                                "x/a.parquet", 1, new org.apache.spark.sql.types.StructType(), 1))),
                    broken))
        .isInstanceOf(SilverException.class)
        .hasMessage(
            "Cannot publish fact_orders: 1 current rows but 0 valid + 0 quarantined; every current"
                + " row must land in exactly one of Silver or quarantine");
  }

  @Test
  void aStagedWriteThatDoesNotHoldThePlannedRowsNeverReachesMain() {
    writeOrders();
    run("fact_orders");
    List<String> before = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    Publisher publisher = new Publisher(spark, catalog, WriteSettings.tableDefaults());
    Snapshot base = publisher.current("fact_orders").get();

    assertThatThrownBy(
            () ->
                publisher.stage(
                    "fact_orders",
                    Optional.of(base),
                    spark.table(catalog.qualified("fact_orders")).limit(1),
                    2,
                    RunRecord.builder("run-bad", "fact_orders").build()))
        .isInstanceOf(SilverException.class)
        .hasMessageContaining("holds 1 rows (total-records) but the job planned 2");

    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*")).isEqualTo(before);
    assertThat(publisher.current("fact_orders").get().snapshotId()).isEqualTo(base.snapshotId());
  }

  @Test
  void aFailedQuarantineCommitPutsSilverBackToTheSnapshotItReplaced() {
    writeOrders();
    run("fact_orders");
    List<String> before = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    Publisher publisher = new Publisher(spark, catalog, WriteSettings.tableDefaults());
    Snapshot base = publisher.current("fact_orders").get();
    RunRecord record = RunRecord.builder("run-half", "fact_orders").build();
    StagedSilver staged =
        publisher.stage(
            "fact_orders",
            Optional.of(base),
            spark.table(catalog.qualified("fact_orders")).limit(1),
            1,
            record);

    // The quarantine commit holds 0 rows where 5 were planned: after Silver was published.
    assertThatThrownBy(
            () ->
                publisher.publish(
                    staged, spark.table(catalog.qualified("quarantine")).limit(0), 5, record))
        .isInstanceOf(SilverException.class)
        .hasMessageContaining("but the job planned 5");

    assertThat(publisher.current("fact_orders").get().snapshotId()).isEqualTo(base.snapshotId());
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*")).isEqualTo(before);
  }
}
