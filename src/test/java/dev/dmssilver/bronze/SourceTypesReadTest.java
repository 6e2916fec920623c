package dev.dmssilver.bronze;

import static dev.dmssilver.dms.DmsColumn.Kind.DATE;
import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MICROS;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.BronzeSource;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.ColumnType;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The types DMS delivers for the source DDL (TIMESTAMPTZ as a UTC-adjusted Parquet timestamp,
 * SERIAL as INT32) read as the contract declares them, including a declared widening and a declared
 * conversion; an undeclared narrowing is refused naming the file.
 */
class SourceTypesReadTest {
  private static final List<String> KEY = List.of("order_id");

  @TempDir Path folder;

  @Test
  void aTimestamptzStaysAnInstantWithItsTimeOfDay() {
    BronzeFixture bronze = new BronzeFixture(folder);
    // 23:30 on 31 January in New York (UTC-5) is 04:30 UTC on 1 February.
    bronze.write(
        "orders",
        "2024/02/01/20240201-044000000.parquet",
        columns(
            op(),
            commitTimestamp(),
            column("order_id", INT),
            column("order_date", TIMESTAMP_MILLIS)),
        row("I", "2024-02-01 04:40:00.000000", 1, instant("2024-02-01T04:30:00.123Z")));

    Row event = read(bronze, new ColumnSpec("order_date", ColumnType.parse("timestamp")));

    assertThat(event.<Timestamp>getAs("order_date").toInstant())
        .isEqualTo(instant("2024-02-01T04:30:00.123Z"));
    assertThat(event.<Timestamp>getAs(EventColumns.COMMIT_TIMESTAMP).toInstant())
        .isEqualTo(instant("2024-02-01T04:40:00Z"));
  }

  @Test
  void microsecondTimestampsKeepTheirMicroseconds() {
    BronzeFixture bronze = new BronzeFixture(folder);
    bronze.write(
        "orders",
        "2024/02/01/20240201-044000000.parquet",
        columns(
            op(),
            commitTimestamp(),
            column("order_id", INT),
            column("order_date", TIMESTAMP_MICROS)),
        row("I", "2024-02-01 04:40:00.000000", 1, instant("2024-02-01T04:30:00.123456Z")));

    Row event = read(bronze, new ColumnSpec("order_date", ColumnType.parse("timestamp")));

    assertThat(event.<Timestamp>getAs("order_date").toInstant())
        .isEqualTo(instant("2024-02-01T04:30:00.123456Z"));
  }

  @Test
  void aDeclaredConversionStoresTheInstantsUtcCalendarDay() {
    BronzeFixture bronze = new BronzeFixture(folder);
    bronze.write(
        "orders",
        "2024/02/01/20240201-044000000.parquet",
        columns(
            op(),
            commitTimestamp(),
            column("order_id", INT),
            column("order_date", TIMESTAMP_MILLIS)),
        row("I", "2024-02-01 04:40:00.000000", 1, instant("2024-02-01T04:30:00Z")));

    Row event =
        read(
            bronze,
            ColumnSpec.converted(
                "order_date", ColumnType.parse("timestamp"), ColumnType.parse("date")));

    assertThat(event.<java.sql.Date>getAs("order_date").toLocalDate())
        .isEqualTo(LocalDate.parse("2024-02-01"));
  }

  @Test
  void aDeclaredWideningStoresTheWiderType() {
    BronzeFixture bronze = new BronzeFixture(folder);
    bronze.write(
        "orders",
        "2024/02/01/20240201-044000000.parquet",
        columns(op(), commitTimestamp(), column("order_id", INT), column("quantity", INT)),
        row("I", "2024-02-01 04:40:00.000000", 1, 7));

    Row event =
        read(
            bronze,
            ColumnSpec.widened("quantity", ColumnType.parse("int"), ColumnType.parse("bigint")));

    assertThat(event.<Long>getAs("quantity")).isEqualTo(7L);
  }

  @Test
  void aDateFileForATimestampContractIsRefusedNamingTheFile() {
    BronzeFixture bronze = new BronzeFixture(folder);
    String file =
        bronze.write(
            "orders",
            "LOAD00000001.parquet",
            columns(commitTimestamp(), column("order_id", INT), column("order_date", DATE)),
            row("2024-02-01 04:40:00.000000", 1, LocalDate.parse("2024-01-31")));

    assertThatThrownBy(
            () -> read(bronze, new ColumnSpec("order_date", ColumnType.parse("timestamp"))))
        .isInstanceOf(SilverException.class)
        .hasMessage(
            "Cannot read Bronze table orders: column order_date is date in file:"
                + file
                + ", expected timestamp");
  }

  private static Row read(BronzeFixture bronze, ColumnSpec column) {
    BronzeSettings settings = BronzeSettings.withDefaults(bronze.root());
    BronzeInventory inventory =
        BronzeDiscovery.discover(
            TestSpark.session(), "orders", settings.tableFolder(new BronzeSource(null, "orders")));
    List<ColumnSpec> columns = List.of(new ColumnSpec("order_id", ColumnType.parse("int")), column);
    List<Row> events =
        BronzeReader.read(TestSpark.session(), inventory, columns, KEY, settings)
            .events()
            .collectAsList();
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
