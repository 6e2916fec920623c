package dev.dmssilver;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type the jobs throw on purpose. Its message says what could not be done and
 * why, and its {@link Kind} lets callers (exit codes, run summaries) treat failures by category
 * rather than by parsing text.
 */
public final class SilverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of thing went wrong. */
  public enum Kind {
    /** A contract file is malformed or refers to something that does not exist. */
    CONTRACT,
    /** An option or setting is missing, contradictory or malformed. */
    CONFIGURATION,
    /** Bronze files are missing, unreadable, or of a shape the contract cannot accept. */
    BRONZE_INPUT,
    /** The run's own bookkeeping disagrees with what it wrote: a bug, never bad data. */
    INVARIANT,
    /** The catalog or the Silver tables refused an operation. */
    LAKEHOUSE,
    /** The run broke a publish-gate threshold, so Silver was left as it was. */
    GATE,
  }

  private final Kind kind;

  public SilverException(Kind kind, String message) {
    super(message);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public SilverException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
