package dev.dmssilver.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.dms.DmsColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** PostgreSQL types as DMS writes them to Parquet, and PostgreSQL's text of their values. */
class SourceColumnTest {
  @Test
  void theSourceDdlsTypesMapAsDmsMapsThem() {
    assertThat(kind("int4", "integer", -1)).isEqualTo(DmsColumn.Kind.INT);
    assertThat(kind("int2", "smallint", -1)).isEqualTo(DmsColumn.Kind.SMALLINT);
    assertThat(kind("int8", "bigint", -1)).isEqualTo(DmsColumn.Kind.BIGINT);
    assertThat(kind("varchar", "character varying(100)", 104)).isEqualTo(DmsColumn.Kind.STRING);
    assertThat(kind("timestamptz", "timestamp with time zone", -1))
        .isEqualTo(DmsColumn.Kind.TIMESTAMP_MICROS);
    DmsColumn money = column("numeric", "numeric(10,2)", (10 << 16) + 2 + 4).dmsColumn();
    assertThat(money.kind()).isEqualTo(DmsColumn.Kind.DECIMAL);
    assertThat(money.precision()).isEqualTo(10);
    assertThat(money.scale()).isEqualTo(2);
  }

  @Test
  void aNumericWithoutPrecisionOrWiderThanParquetsDecimalsIsText() {
    assertThat(kind("numeric", "numeric", -1)).isEqualTo(DmsColumn.Kind.STRING);
    assertThat(kind("numeric", "numeric(40,2)", (40 << 16) + 2 + 4))
        .isEqualTo(DmsColumn.Kind.STRING);
  }

  @Test
  void typesWithoutAParquetTypeHaveNoColumn() {
    assertThat(SourceColumn.of("during", "tstzrange", "tstzrange", -1)).isEmpty();
    assertThat(SourceColumn.of("tags", "_text", "text[]", -1)).isEmpty();
  }

  @Test
  void timestamptzTextInAnyOffsetIsTheSameInstant() {
    SourceColumn column = column("timestamptz", "timestamp with time zone", -1);

    assertThat(column.parse("2024-01-31 23:30:00-05"))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00Z"));
    assertThat(column.parse("2024-02-01 04:30:00.123456+00"))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00.123456Z"));
    assertThat(column.parse("2024-02-01 10:00:00.5+05:30"))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00.5Z"));
  }

  @Test
  void aTimestampWithoutAZoneIsItsWallClockInUtc() {
    SourceColumn column = column("timestamp", "timestamp without time zone", -1);

    assertThat(column.parse("2024-01-31 23:30:00"))
        .isEqualTo(Instant.parse("2024-01-31T23:30:00Z"));
  }

  @Test
  void valuesOfTheOtherTypes() {
    assertThat(column("numeric", "numeric(10,2)", (10 << 16) + 2 + 4).parse("19.9"))
        .isEqualTo(new BigDecimal("19.90"));
    assertThat(column("bool", "boolean", -1).parse("t")).isEqualTo(true);
    assertThat(column("bool", "boolean", -1).parse("false")).isEqualTo(false);
    assertThat(column("date", "date", -1).parse("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat((byte[]) column("bytea", "bytea", -1).parse("\\x00ff")).containsExactly(0, -1);
    assertThat(column("int4", "integer", -1).parse(null)).isNull();
  }

  @Test
  void anInfiniteTimestampIsRefusedNamingColumnAndValue() {
    SourceColumn column = column("timestamptz", "timestamp with time zone", -1);

    assertThatThrownBy(() -> column.parse("infinity"))
        .hasMessage(
            "column c (timestamp with time zone) holds 'infinity', which cannot be written");
  }

  private static DmsColumn.Kind kind(String base, String declared, int modifier) {
    return column(base, declared, modifier).dmsColumn().kind();
  }

  private static SourceColumn column(String base, String declared, int modifier) {
    return SourceColumn.of("c", base, declared, modifier).get();
  }
}
