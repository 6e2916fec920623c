package dev.dmssilver.bronze;

import static dev.dmssilver.dms.DmsColumn.Kind.BIGINT;
import static dev.dmssilver.dms.DmsColumn.Kind.DATE;
import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.SMALLINT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.testing.BronzeFixture.changeSequence;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.date;
import static dev.dmssilver.testing.BronzeFixture.decimal;
import static dev.dmssilver.testing.BronzeFixture.money;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.ColumnType;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.dms.DmsFileWriter;
import dev.dmssilver.dms.OutputFiles;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real DMS-shaped Parquet files: layout, Op, casts, schema drift and file order. */
class BronzeReaderTest {
  private static final List<ColumnSpec> ORDER_COLUMNS =
      List.of(
          new ColumnSpec("order_id", ColumnType.parse("bigint")),
          new ColumnSpec("quantity", ColumnType.parse("int")),
          new ColumnSpec("amount", ColumnType.parse("decimal(12,2)")),
          new ColumnSpec("order_date", ColumnType.parse("date")));
  private static final List<String> KEY = List.of("order_id");

  @TempDir Path folder;

  private BronzeFixture bronze() {
    return new BronzeFixture(folder);
  }

  private static List<DmsColumn> cdcColumns() {
    return columns(
        op(),
        commitTimestamp(),
        column("order_id", BIGINT),
        column("quantity", INT),
        decimal("amount", 12, 2),
        column("order_date", DATE),
        changeSequence());
  }

  private static List<DmsColumn> loadColumns() {
    return columns(
        commitTimestamp(),
        column("order_id", INT),
        column("quantity", SMALLINT),
        decimal("amount", 10, 2),
        column("order_date", DATE));
  }

  @Test
  void fullLoadFilesWithoutAnOpColumnReadAsInserts() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        loadColumns(),
        row("2024-01-15 00:00:00.000000", 1, (short) 2, money("10.00"), date("2024-01-14")));

    List<Row> events = readEvents(bronze).collectAsList();

    assertThat(events).hasSize(1);
    assertThat(events.get(0).<String>getAs(EventColumns.OP)).isEqualTo("I");
    assertThat(events.get(0).<Boolean>getAs(EventColumns.FROM_CDC)).isFalse();
  }

  @Test
  void cdcFilesAtAnyDepthAreReadAndHiddenFilesAreNot() throws Exception {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        loadColumns(),
        row("2024-01-15 00:00:00.000000", 1, (short) 2, money("10.00"), date("2024-01-14")));
    bronze.write(
        "orders",
        "SEGMENT2_LOAD0000000A.parquet",
        loadColumns(),
        row("2024-01-15 00:00:00.000000", 2, (short) 2, money("10.00"), date("2024-01-14")));
    bronze.write(
        "orders",
        "2024/01/15/20240115-101500123.parquet",
        cdcColumns(),
        row("U", "2024-01-15 10:15:00.000001", 1L, 3, money("15.00"), date("2024-01-14"), "1"));
    bronze.write(
        "orders",
        "2024/01/16/09/20240116-090000000.parquet",
        cdcColumns(),
        row("I", "2024-01-16 09:00:00.000000", 3L, 1, money("5.00"), date("2024-01-16"), "2"));
    Files.writeString(bronze.tableFolder("orders").resolve("_SUCCESS"), "");
    Files.writeString(bronze.tableFolder("orders").resolve(".LOAD00000001.parquet.crc"), "x");
    Files.createDirectories(bronze.tableFolder("orders").resolve("_temporary/0"));
    Files.writeString(bronze.tableFolder("orders").resolve("_temporary/0/junk.csv"), "x");

    BronzeEvents events = read(bronze);

    assertThat(events.inventory().fileCount()).isEqualTo(4);
    assertThat(events.inventory().eventCount()).isEqualTo(4);
    assertThat(
            events
                .events()
                .orderBy("order_id", EventColumns.COMMIT_TIMESTAMP)
                .collectAsList()
                .stream()
                .map(
                    event ->
                        event.<Long>getAs("order_id")
                            + (event.<Boolean>getAs(EventColumns.FROM_CDC) ? " cdc" : " load"))
                .toList())
        .containsExactly("1 load", "1 cdc", "2 load", "3 cdc");
  }

  @Test
  void narrowerTypesInOlderFilesAreWidenedToTheContractTypes() {
    BronzeFixture bronze = bronze();
    // The full load has int id, smallint quantity and decimal(10,2) amount; CDC has the wider ones.
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        loadColumns(),
        row(
            "2024-01-15 00:00:00.000000",
            7,
            (short) 300,
            money("99999999.99"),
            date("2024-01-14")));
    bronze.write(
        "orders",
        "2024/01/15/20240115-101500123.parquet",
        cdcColumns(),
        row(
            "I",
            "2024-01-15 10:15:00.000001",
            8_000_000_000L,
            70_000,
            money("1234567890.12"),
            date("2024-01-15"),
            "1"));

    List<Row> events = readEvents(bronze).orderBy("order_id").collectAsList();

    assertThat(events)
        .extracting(event -> event.<Long>getAs("order_id"))
        .containsExactly(7L, 8_000_000_000L);
    assertThat(events)
        .extracting(event -> event.<Integer>getAs("quantity"))
        .containsExactly(300, 70_000);
    assertThat(events)
        .extracting(event -> event.getAs("amount").toString())
        .containsExactly("99999999.99", "1234567890.12");
  }

  @Test
  void anIncompatibleTypeStopsTheReadNamingTableColumnFileAndExpectedType() {
    BronzeFixture bronze = bronze();
    String file =
        bronze.write(
            "orders",
            "2024/01/15/20240115-101500123.parquet",
            columns(
                op(), commitTimestamp(), column("order_id", BIGINT), column("quantity", STRING)),
            row("I", "2024-01-15 10:15:00.000001", 1L, "three"));

    assertThatThrownBy(() -> read(bronze))
        .isInstanceOf(SilverException.class)
        .hasMessage(
            "Cannot read Bronze table orders: column quantity is string in file:"
                + file
                + ", expected int");
  }

  @Test
  void narrowingADecimalOrAnIntegerIsIncompatible() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        columns(op(), commitTimestamp(), column("order_id", BIGINT), decimal("amount", 14, 2)),
        row("I", "2024-01-15 10:15:00.000001", 1L, money("1.00")));

    assertThatThrownBy(() -> read(bronze))
        .hasMessageContaining("column amount is decimal(14,2)")
        .hasMessageContaining("expected decimal(12,2)");
  }

  @Test
  void aMissingKeyColumnIsAnErrorAndAMissingOtherColumnReadsAsNull() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        columns(op(), commitTimestamp(), column("order_id", BIGINT)),
        row("I", "2024-01-15 10:15:00.000001", 1L));

    Row event = readEvents(bronze).first();
    assertThat(event.isNullAt(event.fieldIndex("quantity"))).isTrue();
    assertThat(event.isNullAt(event.fieldIndex("amount"))).isTrue();

    String file =
        bronze.write(
            "orders",
            "2024/01/16/b.parquet",
            columns(op(), commitTimestamp(), column("quantity", INT)),
            row("I", "2024-01-16 10:15:00.000001", 1));
    assertThatThrownBy(() -> read(bronze))
        .hasMessage(
            "Cannot read Bronze table orders: key column order_id is missing from file:" + file);
  }

  @Test
  void extraColumnsAreIgnoredAndReported() {
    BronzeFixture bronze = bronze();
    List<DmsColumn> drifted = cdcColumns();
    drifted.add(column("coupon_code", STRING));
    drifted.add(column("gift_wrap", INT));
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        drifted,
        row(
            "I",
            "2024-01-15 10:15:00.000001",
            1L,
            1,
            money("1.00"),
            date("2024-01-15"),
            "1",
            "XMAS",
            1));

    BronzeEvents events = read(bronze);

    assertThat(events.ignoredColumns()).containsExactly("coupon_code", "gift_wrap");
    assertThat(events.events().columns()).doesNotContain("coupon_code", "gift_wrap");
  }

  @Test
  void anEmptyChangeSequenceReadsAsNull() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        cdcColumns(),
        row("I", "2024-01-15 10:15:00.000001", 1L, 1, money("1.00"), date("2024-01-15"), ""),
        row(
            "U",
            "2024-01-15 10:15:00.000001",
            1L,
            2,
            money("1.00"),
            date("2024-01-15"),
            "00000000000000000000000000000000042"));

    List<Row> events = readEvents(bronze).orderBy("quantity").collectAsList();

    assertThat(events.get(0).isNullAt(events.get(0).fieldIndex(EventColumns.CHANGE_SEQUENCE)))
        .isTrue();
    assertThat(events.get(1).<String>getAs(EventColumns.CHANGE_SEQUENCE))
        .isEqualTo("00000000000000000000000000000000042");
  }

  @Test
  void shortChangeSequencesArePaddedSoTextOrderIsNumberOrder() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        columns(op(), commitTimestamp(), column("order_id", BIGINT), changeSequence()),
        row("I", "2024-01-15 10:15:00.000001", 1L, "9"),
        row("U", "2024-01-15 10:15:00.000001", 2L, " 10 "),
        row("U", "2024-01-15 10:15:00.000001", 3L, "00000000000000000000000000000000011"));

    List<Row> events = readEvents(bronze).orderBy(EventColumns.CHANGE_SEQUENCE).collectAsList();

    assertThat(events)
        .extracting(event -> event.<Long>getAs("order_id"))
        .containsExactly(1L, 2L, 3L);
    assertThat(events.get(0).<String>getAs(EventColumns.CHANGE_SEQUENCE))
        .isEqualTo("00000000000000000000000000000000009");
  }

  @Test
  void aNumericChangeSequenceIsPaddedToCompareLikeDmsText() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        columns(
            op(), commitTimestamp(), column("order_id", BIGINT), column("_dms_change_seq", BIGINT)),
        row("I", "2024-01-15 10:15:00.000001", 1L, 9L),
        row("U", "2024-01-15 10:15:00.000001", 2L, 10L));

    List<Row> events = readEvents(bronze).orderBy("order_id").collectAsList();

    assertThat(events)
        .extracting(event -> event.<String>getAs(EventColumns.CHANGE_SEQUENCE))
        .containsExactly(
            "00000000000000000000000000000000009", "00000000000000000000000000000000010");
  }

  @Test
  void commitTimestampsParseInDmsShapesOnly() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "2024/01/15/a.parquet",
        columns(op(), commitTimestamp(), column("order_id", BIGINT)),
        row("I", "2024-01-15 10:15:00.123456", 1L),
        row("I", "2024-01-15 10:15:00.5", 2L),
        row("I", "2024-01-15 10:15:00", 3L),
        row("I", "2024-01-15", 4L),
        row("I", "15/01/2024 10:15:00", 5L),
        row("I", "2024-01-15 10:15:00.1234567", 6L));

    List<Row> events = readEvents(bronze).orderBy("order_id").collectAsList();

    assertThat(events)
        .extracting(
            event -> {
              java.sql.Timestamp parsed = event.getAs(EventColumns.COMMIT_TIMESTAMP);
              return parsed == null ? "unparseable" : parsed.toInstant().toString();
            })
        .containsExactly(
            "2024-01-15T10:15:00.123456Z",
            "2024-01-15T10:15:00.500Z",
            "2024-01-15T10:15:00Z",
            "unparseable",
            "unparseable",
            "unparseable");
  }

  @Test
  void aMissingCommitTimestampColumnNamesTheSettingToChange() {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders", "2024/01/15/a.parquet", columns(op(), column("order_id", BIGINT)), row("I", 1L));

    assertThatThrownBy(() -> read(bronze))
        .hasMessageContaining(
            "has no commit-timestamp column _dms_timestamp (columns: [Op, order_id])")
        .hasMessageContaining("Set --timestamp-column");
  }

  @Test
  void theLastRowOfAFileWinsEvenWhenSparkSplitsTheFile() {
    // 60,000 events for one key, equal timestamps and no sequence: file position decides. Small
    // row groups and small splits spread the file over several partitions.
    BronzeFixture bronze = bronze();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      rows.add(
          row("U", "2024-01-15 10:15:00.000001", 1L, i, money("1.00"), date("2024-01-15"), null));
    }
    String path = bronze.tableFolder("orders").resolve("2024/01/15/big.parquet").toString();
    DmsFileWriter.write(
        OutputFiles.forRoot(new Configuration(), path),
        new Configuration(),
        path,
        cdcColumns(),
        rows,
        32 * 1024);
    // Small files around it, which Spark packs into shared partitions.
    for (int file = 0; file < 5; file++) {
      bronze.write(
          "orders",
          "2024/01/14/small-" + file + ".parquet",
          cdcColumns(),
          row("U", "2024-01-15 10:15:00.000001", 1L, -1, money("1.00"), date("2024-01-15"), null),
          row(
              "I",
              "2024-01-14 10:15:00.000001",
              2L + file,
              1,
              money("1.00"),
              date("2024-01-15"),
              null));
    }
    SparkSession spark = TestSpark.session();
    String maxPartitionBytes = spark.conf().get("spark.sql.files.maxPartitionBytes");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "65536");
    try {
      Dataset<Row> events = readEvents(bronze);
      assertThat(events.rdd().getNumPartitions()).isGreaterThan(2);

      Row winner = LatestEvent.resolve(events, KEY).where("order_id = 1").first();

      assertThat(winner.<Integer>getAs("quantity")).isEqualTo(59_999);
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", maxPartitionBytes);
    }
  }

  @Test
  void aMissingFolderSaysWhatBronzeShouldPointAt() {
    assertThatThrownBy(() -> read(bronze()))
        .hasMessageContaining(
            "Cannot read Bronze table orders: folder " + folder + "/public/orders does not exist")
        .hasMessageContaining("the endpoint's BucketFolder");
  }

  @Test
  void anEmptyFolderIsAnError() throws Exception {
    Files.createDirectories(folder.resolve("public/orders/2024/01/15"));

    assertThatThrownBy(() -> read(bronze()))
        .hasMessage(
            "Cannot read Bronze table orders: folder "
                + folder
                + "/public/orders holds no Parquet files");
  }

  @Test
  void aFileThatIsNotParquetIsAnErrorNamingIt() throws Exception {
    BronzeFixture bronze = bronze();
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        loadColumns(),
        row("2024-01-15 00:00:00.000000", 1, (short) 2, money("10.00"), date("2024-01-14")));
    Path csv = bronze.tableFolder("orders").resolve("2024/01/15/20240115-101500123.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "I,1,2\n");

    assertThatThrownBy(() -> read(bronze))
        .hasMessageContaining(csv + " is not a Parquet file (its name does not end in .parquet)");
  }

  @Test
  void aTruncatedParquetFileIsAnErrorNamingIt() throws Exception {
    BronzeFixture bronze = bronze();
    String file =
        bronze.write(
            "orders",
            "LOAD00000001.parquet",
            loadColumns(),
            row("2024-01-15 00:00:00.000000", 1, (short) 2, money("10.00"), date("2024-01-14")));
    byte[] bytes = Files.readAllBytes(Path.of(file));
    Files.write(Path.of(file), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> read(bronze))
        .hasMessageStartingWith(
            "Cannot read Bronze table orders: file:" + file + " is not readable Parquet");
  }

  @Test
  void anEmptyFileIsAnErrorNamingIt() throws Exception {
    Path empty = folder.resolve("public/orders/LOAD00000001.parquet");
    Files.createDirectories(empty.getParent());
    Files.write(empty, new byte[0]);

    assertThatThrownBy(() -> read(bronze())).hasMessageContaining(empty + " is empty (0 bytes)");
  }

  // ---- helpers

  private static BronzeEvents read(BronzeFixture bronze) {
    BronzeSettings settings = BronzeSettings.withDefaults(bronze.root());
    BronzeInventory inventory =
        BronzeDiscovery.discover(
            TestSpark.session(),
            "orders",
            settings.tableFolder(new dev.dmssilver.contract.BronzeSource(null, "orders")));
    return BronzeReader.read(TestSpark.session(), inventory, ORDER_COLUMNS, KEY, settings);
  }

  private static Dataset<Row> readEvents(BronzeFixture bronze) {
    return read(bronze).events();
  }
}
