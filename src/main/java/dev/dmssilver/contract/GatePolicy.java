package dev.dmssilver.contract;

import dev.dmssilver.SilverException;

/**
 * The thresholds a run must meet before it may replace Silver. Ratios and drops are only judged on
 * tables with at least {@link #minRows()} current rows: on tiny tables they are noise. An empty
 * result where the table had rows fails whatever its size.
 */
public final class GatePolicy {
  public static final double MAX_QUARANTINE_SHARE_DEFAULT = 0.05;
  public static final double MAX_ROW_DROP_DEFAULT = 0.20;
  public static final long MIN_ROWS_DEFAULT = 1_000;

  private final double maxQuarantineShare;
  private final double maxRowDrop;
  private final long minRows;

  public GatePolicy(double maxQuarantineShare, double maxRowDrop, long minRows) {
    this.maxQuarantineShare = checkedShare("max_quarantine_share", maxQuarantineShare);
    this.maxRowDrop = checkedShare("max_row_drop", maxRowDrop);
    if (minRows < 0) {
      throw new SilverException(
          SilverException.Kind.CONTRACT, "Cannot use gate min_rows " + minRows + ": must be >= 0");
    }
    this.minRows = minRows;
  }

  public static GatePolicy defaults() {
    return new GatePolicy(MAX_QUARANTINE_SHARE_DEFAULT, MAX_ROW_DROP_DEFAULT, MIN_ROWS_DEFAULT);
  }

  private static double checkedShare(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          "Cannot use gate " + name + " " + value + ": must be a fraction between 0 and 1");
    }
    return value;
  }

  /** The largest share of current rows that may be quarantined, e.g. 0.05. */
  public double maxQuarantineShare() {
    return maxQuarantineShare;
  }

  /** The largest fall in Silver rows against the current snapshot, e.g. 0.20. */
  public double maxRowDrop() {
    return maxRowDrop;
  }

  /** Below this many current rows, share and drop are not judged. */
  public long minRows() {
    return minRows;
  }

  @Override
  public String toString() {
    return String.format(
        "max_quarantine_share %.2f, max_row_drop %.2f, min_rows %d",
        maxQuarantineShare, maxRowDrop, minRows);
  }
}
