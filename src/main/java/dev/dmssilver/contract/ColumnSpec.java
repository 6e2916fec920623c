package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A contract column: its name, the type DMS delivers for the source column, and the type Silver
 * stores. The two are the same unless the contract declares a safe widening ({@code silver:}, e.g.
 * int to bigint) or an explicit conversion ({@code convert_to:}, e.g. an instant to its UTC date),
 * which the job applies as it reads Bronze.
 */
public final class ColumnSpec {
  private final String name;
  private final ColumnType sourceType;
  private final ColumnType type;

  /** A column stored in Silver as DMS delivers it. */
  public ColumnSpec(String name, ColumnType type) {
    this(name, type, type);
  }

  private ColumnSpec(String name, ColumnType sourceType, ColumnType type) {
    this.name = SqlIdentifier.checked("column name", name);
    this.sourceType = requireNonNull(sourceType, "sourceType is null");
    this.type = requireNonNull(type, "type is null");
  }

  /**
   * A column that Silver stores as a wider type; every source value fits.
   *
   * @throws IllegalArgumentException if some source value would not fit, saying why
   */
  public static ColumnSpec widened(String name, ColumnType sourceType, ColumnType silverType) {
    if (!TypeWidening.isSafe(sourceType.sparkType(), silverType.sparkType())) {
      throw new IllegalArgumentException(
          String.format(
              "column %s: %s does not widen safely to %s. To store it narrower on purpose,"
                  + " declare convert_to: %s",
              name, sourceType, silverType, silverType));
    }
    return new ColumnSpec(name, sourceType, silverType);
  }

  /**
   * A column that Silver stores converted, losing part of each value on purpose. Only conversions
   * that give the same result everywhere are accepted: an instant to its UTC calendar date (jobs
   * pin the session time zone to UTC), and any type to its text.
   *
   * @throws IllegalArgumentException for any other conversion, saying why
   */
  public static ColumnSpec converted(String name, ColumnType sourceType, ColumnType silverType) {
    DataType from = sourceType.sparkType();
    DataType to = silverType.sparkType();
    boolean utcDate = from.equals(DataTypes.TimestampType) && to.equals(DataTypes.DateType);
    boolean text = to.equals(DataTypes.StringType);
    if (!utcDate && !text && !TypeWidening.isSafe(from, to)) {
      throw new IllegalArgumentException(
          String.format(
              "column %s: cannot convert %s to %s; the supported conversions are timestamp to"
                  + " date (the UTC calendar day) and any type to string",
              name, sourceType, silverType));
    }
    return new ColumnSpec(name, sourceType, silverType);
  }

  public String name() {
    return name;
  }

  /** The type Silver stores. */
  public ColumnType type() {
    return type;
  }

  /** The type DMS delivers for the source column; Bronze files must widen safely to it. */
  public ColumnType sourceType() {
    return sourceType;
  }

  /** Whether Silver stores another type than the source's (a widening or a conversion). */
  public boolean isConverted() {
    return !sourceType.equals(type);
  }

  @Override
  public String toString() {
    return isConverted() ? name + " " + sourceType + " as " + type : name + " " + type;
  }
}
