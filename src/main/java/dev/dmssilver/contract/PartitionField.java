package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.dmssilver.SilverException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * A hidden Iceberg partition on a Silver column, written {@code months(order_date)} in contracts
 * and Spark DDL. Athena prunes on the source column, so readers need no extra partition column.
 */
public final class PartitionField {
  private static final Pattern FORM = Pattern.compile("(years|months|days)\\((\\w+)\\)");

  private final String transform;
  private final String column;

  private PartitionField(String transform, String column) {
    this.transform = requireNonNull(transform, "transform is null");
    this.column = SqlIdentifier.checked("partition column", column);
  }

  public static PartitionField parse(String text) {
    Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          String.format(
              "Cannot use partition '%s': expected years(column), months(column) or days(column)",
              text));
    }
    return new PartitionField(matcher.group(1), matcher.group(2));
  }

  /** The Spark DDL transform: {@code months(`order_date`)}. */
  public String sparkDdl() {
    return transform + "(" + SqlIdentifier.quoted(column) + ")";
  }

  /** The Iceberg transform name as it appears in partition specs: {@code month}. */
  public String icebergTransform() {
    return transform.substring(0, transform.length() - 1);
  }

  public String column() {
    return column;
  }

  /** Adds this field to an Iceberg partition spec. */
  public PartitionSpec.Builder applyTo(PartitionSpec.Builder spec) {
    switch (transform) {
      case "years":
        return spec.year(column);
      case "months":
        return spec.month(column);
      case "days":
        return spec.day(column);
      default:
        throw unknownTransform();
    }
  }

  /** The same transform as a Spark column, for {@code writeTo(...).partitionedBy(...)}. */
  public Column sparkTransform() {
    switch (transform) {
      case "years":
        return functions.years(col(column));
      case "months":
        return functions.months(col(column));
      case "days":
        return functions.days(col(column));
      default:
        throw unknownTransform();
    }
  }

  private SilverException unknownTransform() {
    return new SilverException(
        SilverException.Kind.CONTRACT, "Cannot partition by " + this + ": unknown transform");
  }

  @Override
  public String toString() {
    return transform + "(" + column + ")";
  }
}
