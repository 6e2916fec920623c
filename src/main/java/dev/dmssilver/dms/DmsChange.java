package dev.dmssilver.dms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One captured change as DMS writes it: Op, commit time, change sequence, the row's values. */
public final class DmsChange {
  private final char op;
  private final Instant commitTime;
  private final String sequence;
  private final Object[] values;

  /**
   * @param values the after-image for I and U, the before-image (or only the key) for D
   * @param sequence the change sequence's digits, sortable as text; ignored unless the target has a
   *     change-sequence column
   */
  public DmsChange(char op, Instant commitTime, String sequence, Object[] values) {
    this.op = op;
    this.commitTime = requireNonNull(commitTime, "commitTime is null");
    this.sequence = requireNonNull(sequence, "sequence is null");
    this.values = requireNonNull(values, "values is null");
  }

  public char op() {
    return op;
  }

  public Instant commitTime() {
    return commitTime;
  }

  public String sequence() {
    return sequence;
  }

  Object[] values() {
    return values;
  }
}
