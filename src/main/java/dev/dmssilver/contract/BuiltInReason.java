package dev.dmssilver.contract;

/**
 * Quarantine reasons that every entity has without declaring them. Contracts cannot reuse these
 * names for their own rules.
 */
public enum BuiltInReason {
  /** A key column is NULL: the row cannot be matched to anything. */
  KEY_NOT_NULL("key_not_null"),
  /** The latest event's Op is not I, U or D. */
  OP_KNOWN("op_known"),
  /** The latest event's commit timestamp lies in the future: a clock or format fault upstream. */
  COMMIT_TIMESTAMP_NOT_FUTURE("commit_timestamp_not_future"),
  /**
   * A text column holds bytes that are not UTF-8 (possible from a SQL_ASCII source database).
   * Athena and dbt would fail on or mangle them.
   */
  TEXT_VALID_UTF8("text_valid_utf8"),
  /** A float or double column holds NaN or an infinity, which in Spark SQL passes "x > 0". */
  NUMBERS_FINITE("numbers_finite");

  private final String reason;

  BuiltInReason(String reason) {
    this.reason = reason;
  }

  /** The reason as it appears in quarantine rows and metric dimensions. */
  public String reason() {
    return reason;
  }

  public static boolean isBuiltIn(String name) {
    for (BuiltInReason builtIn : values()) {
      if (builtIn.reason.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
