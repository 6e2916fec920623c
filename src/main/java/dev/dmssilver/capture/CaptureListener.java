package dev.dmssilver.capture;

/** Hears what a capture is doing: for a console, a log, or a test that interrupts it. */
public interface CaptureListener {
  /** A step begins, e.g. "loading public.orders". */
  void stage(String message);

  /**
   * One batch of changes is in its CDC files, and the slot has not yet been told: a capture that
   * stops here reads the batch again next time (at-least-once delivery, like DMS's).
   *
   * @param upToLsn the slot position the batch ends at
   */
  default void batchWritten(String upToLsn) {}

  /**
   * The full load has transferred (and stamped) the first row of {@code table}. A test makes
   * changes here to have them committed while the load runs.
   */
  default void firstRowLoaded(String table) {}

  /** A listener that does nothing. */
  static CaptureListener quiet() {
    return message -> {};
  }
}
