package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A Silver column type. Only types that Athena can store in an Iceberg table are accepted: no
 * tinyint, smallint or time, so a contract can never create a table Athena cannot read.
 */
public final class ColumnType {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
  private static final String ACCEPTED =
      "string, int, bigint, float, double, boolean, date, timestamp, decimal(p,s)";

  private final String name;
  private final DataType sparkType;

  private ColumnType(String name, DataType sparkType) {
    this.name = requireNonNull(name, "name is null");
    this.sparkType = requireNonNull(sparkType, "sparkType is null");
  }

  public static ColumnType parse(String text) {
    String normalized = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (normalized) {
      case "string":
        return new ColumnType(normalized, DataTypes.StringType);
      case "int":
        return new ColumnType(normalized, DataTypes.IntegerType);
      case "bigint":
        return new ColumnType(normalized, DataTypes.LongType);
      case "float":
        return new ColumnType(normalized, DataTypes.FloatType);
      case "double":
        return new ColumnType(normalized, DataTypes.DoubleType);
      case "boolean":
        return new ColumnType(normalized, DataTypes.BooleanType);
      case "date":
        return new ColumnType(normalized, DataTypes.DateType);
      case "timestamp":
        return new ColumnType(normalized, DataTypes.TimestampType);
      default:
        return parseDecimal(text, normalized);
    }
  }

  private static ColumnType parseDecimal(String text, String normalized) {
    Matcher matcher = DECIMAL.matcher(normalized);
    if (!matcher.matches()) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format("Cannot use column type '%s': expected one of %s", text, ACCEPTED));
    }
    int precision = Integer.parseInt(matcher.group(1));
    int scale = Integer.parseInt(matcher.group(2));
    if (precision < 1 || precision > 38 || scale > precision) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format(
              "Cannot use column type '%s': precision must be 1..38 and scale at most precision",
              text));
    }
    return new ColumnType(
        "decimal(" + precision + "," + scale + ")", DataTypes.createDecimalType(precision, scale));
  }

  /** The type as written in Spark SQL DDL and in contracts, e.g. {@code decimal(10,2)}. */
  public String sqlName() {
    return name;
  }

  public DataType sparkType() {
    return sparkType;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ColumnType && ((ColumnType) other).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
