package dev.dmssilver.contract;

import dev.dmssilver.SilverException;
import java.util.regex.Pattern;

/**
 * Every database, table, column and rule name that reaches SQL passes through here first. Names are
 * lower-case ASCII identifiers, which is also what Athena and the Glue Data Catalog store, so a
 * name that passes is safe to splice into SQL and means the same thing in every engine.
 */
public final class SqlIdentifier {
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  private SqlIdentifier() {}

  /** Returns {@code name} unchanged if it is a valid identifier, or fails naming its role. */
  public static String checked(String role, String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot use %s '%s': names must match %s (lower-case letters, digits, underscores)",
              role, name, VALID.pattern()));
    }
    return name;
  }

  /** The name quoted for Spark SQL. Only ever applied to names that passed {@link #checked}. */
  public static String quoted(String name) {
    return "`" + name + "`";
  }
}
