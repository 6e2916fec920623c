package dev.dmssilver.dms;

import static java.util.Objects.requireNonNull;

/**
 * One column of a Parquet file as AWS DMS writes it, with DMS's physical types: a PostgreSQL
 * smallint is INT32 annotated INT(16), numeric is a fixed-length decimal, timestamps are int64
 * milliseconds adjusted to UTC, and the commit timestamp is a UTF-8 string.
 */
public final class DmsColumn {
  /** The physical shapes DMS uses for PostgreSQL types. */
  public enum Kind {
    SMALLINT,
    INT,
    BIGINT,
    STRING,
    /** Raw bytes with no string annotation, e.g. bytea, or deliberately broken text. */
    BINARY,
    DATE,
    TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS,
    DECIMAL,
    FLOAT,
    DOUBLE,
    BOOLEAN,
  }

  private final String name;
  private final Kind kind;
  private final int precision;
  private final int scale;
  private final boolean required;

  private DmsColumn(String name, Kind kind, int precision, int scale, boolean required) {
    this.name = requireNonNull(name, "name is null");
    this.kind = requireNonNull(kind, "kind is null");
    this.precision = precision;
    this.scale = scale;
    this.required = required;
  }

  public static DmsColumn of(String name, Kind kind) {
    return new DmsColumn(name, kind, 0, 0, false);
  }

  public static DmsColumn decimal(String name, int precision, int scale) {
    return new DmsColumn(name, Kind.DECIMAL, precision, scale, false);
  }

  /** DMS writes its Op and timestamp columns as required (never NULL). */
  public DmsColumn asRequired() {
    return new DmsColumn(name, kind, precision, scale, true);
  }

  /** The same column with another physical type, as after an ALTER COLUMN ... TYPE. */
  public DmsColumn withKind(Kind newKind) {
    return new DmsColumn(name, newKind, precision, scale, required);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  public boolean required() {
    return required;
  }
}
