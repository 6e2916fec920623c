package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  @Override
  public String toString() {
    return transform + "(" + column + ")";
  }
}
