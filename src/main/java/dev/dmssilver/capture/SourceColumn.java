package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.dms.DmsColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * A column of a source PostgreSQL table, with the Parquet type DMS writes for it (AWS's mapping
 * tables: integers as INT32 or INT64, NUMERIC(p,s) as a decimal up to precision 38, TIMESTAMPTZ as
 * a UTC timestamp, text types as strings). It turns PostgreSQL's text form of a value, as {@code
 * test_decoding} and a {@code SELECT} both give it, into the value written to Parquet.
 */
final class SourceColumn {
  /**
   * Text PostgreSQL prints for a timestamptz in a UTC session: {@code 2024-01-15 10:00:00.5+00}.
   */
  private static final DateTimeFormatter TIMESTAMPTZ =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          // PostgreSQL prints -05, +05:30 or +00: lenient offsets take every such form.
          .parseLenient()
          .appendOffset("+HH:MM:ss", "+00")
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final String name;
  private final String typeName;
  private final DmsColumn dmsColumn;

  private SourceColumn(String name, String typeName, DmsColumn dmsColumn) {
    this.name = requireNonNull(name, "name is null");
    this.typeName = requireNonNull(typeName, "typeName is null");
    this.dmsColumn = requireNonNull(dmsColumn, "dmsColumn is null");
  }

  /**
   * The column for a PostgreSQL type, or empty if DMS's mapping has no Parquet type for it here.
   *
   * @param baseType the type's {@code pg_type.typname} (a domain's base type), e.g. {@code int4}
   * @param typeName the declared type as {@code format_type} prints it, for messages
   * @param typeModifier {@code pg_attribute.atttypmod}: a numeric's precision and scale
   */
  static Optional<SourceColumn> of(
      String name, String baseType, String typeName, int typeModifier) {
    DmsColumn.Kind kind = kindOf(baseType);
    if (kind == null) {
      return Optional.empty();
    }
    if (kind == DmsColumn.Kind.DECIMAL) {
      // A NUMERIC without a precision, or one wider than Parquet's decimals, arrives as text
      // (DMS: precision 39 and more map to STRING, as does mapUnboundedNumericAsString).
      int precision = typeModifier < 0 ? -1 : ((typeModifier - 4) >> 16) & 0xffff;
      int scale = typeModifier < 0 ? -1 : (typeModifier - 4) & 0xffff;
      if (precision < 1 || precision > 38) {
        return Optional.of(
            new SourceColumn(name, typeName, DmsColumn.of(name, DmsColumn.Kind.STRING)));
      }
      return Optional.of(
          new SourceColumn(name, typeName, DmsColumn.decimal(name, precision, scale)));
    }
    return Optional.of(new SourceColumn(name, typeName, DmsColumn.of(name, kind)));
  }

  private static DmsColumn.Kind kindOf(String baseType) {
    switch (baseType) {
      case "int2":
        return DmsColumn.Kind.SMALLINT;
      case "int4":
        return DmsColumn.Kind.INT;
      case "int8":
        return DmsColumn.Kind.BIGINT;
      case "numeric":
        return DmsColumn.Kind.DECIMAL;
      case "float4":
        return DmsColumn.Kind.FLOAT;
      case "float8":
        return DmsColumn.Kind.DOUBLE;
      case "bool":
        return DmsColumn.Kind.BOOLEAN;
      case "varchar":
      case "bpchar":
      case "text":
      case "uuid":
      case "json":
      case "jsonb":
      case "citext":
      case "xml":
      case "name":
        return DmsColumn.Kind.STRING;
      case "date":
        return DmsColumn.Kind.DATE;
      case "timestamptz":
      case "timestamp":
        // The endpoint decides milliseconds or microseconds.
        return DmsColumn.Kind.TIMESTAMP_MICROS;
      case "bytea":
        return DmsColumn.Kind.BINARY;
      default:
        return null;
    }
  }

  String name() {
    return name;
  }

  /** The declared type, e.g. {@code numeric(10,2)}. */
  String typeName() {
    return typeName;
  }

  DmsColumn dmsColumn() {
    return dmsColumn;
  }

  /** The value of PostgreSQL's text form {@code text}; NULL for NULL. */
  Object parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return parseNonNull(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          String.format("column %s (%s) holds '%s', which cannot be written", name, typeName, text),
          e);
    }
  }

  private Object parseNonNull(String text) {
    switch (dmsColumn.kind()) {
      case SMALLINT:
      case INT:
        return Integer.valueOf(text);
      case BIGINT:
        return Long.valueOf(text);
      case DECIMAL:
        // setScale only adds zeros here: PostgreSQL already rounded to the column's scale.
        return new BigDecimal(text).setScale(dmsColumn.scale(), RoundingMode.UNNECESSARY);
      case FLOAT:
        return Float.valueOf(text);
      case DOUBLE:
        return Double.valueOf(text);
      case BOOLEAN:
        return text.equals("t") || text.equals("true");
      case DATE:
        return LocalDate.parse(text);
      case TIMESTAMP_MICROS:
        return instant(text);
      case BINARY:
        return hexBytes(text);
      default:
        return text;
    }
  }

  /**
   * A timestamptz as an instant; a timestamp without a zone as its wall-clock time in UTC, which is
   * what DMS writes for it. Infinite values have no Parquet form.
   */
  private Instant instant(String text) {
    Instant plain = PgTimestamps.parse(text, typeName.startsWith("timestamp with "));
    if (plain != null) {
      return plain;
    }
    try {
      if (typeName.startsWith("timestamp with ")) {
        return instantOf(text);
      }
      return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a finite timestamp in ISO style", e);
    }
  }

  /** A timestamptz's text, such as a commit time, as an instant. */
  static Instant instantOf(String text) {
    Instant plain = PgTimestamps.parse(text, true);
    return plain != null ? plain : OffsetDateTime.parse(text, TIMESTAMPTZ).toInstant();
  }

  /** bytea's hex output, {@code \x0aff}. */
  private static byte[] hexBytes(String text) {
    if (!text.startsWith("\\x")) {
      throw new IllegalArgumentException("bytea not in hex output (set bytea_output = hex)");
    }
    int length = (text.length() - 2) / 2;
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) Integer.parseInt(text.substring(2 + 2 * i, 4 + 2 * i), 16);
    }
    return bytes;
  }

  @Override
  public String toString() {
    return name + " " + typeName;
  }
}
