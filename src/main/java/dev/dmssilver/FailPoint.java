package dev.dmssilver;

import java.util.concurrent.TimeUnit;

/**
 * Named points in a run where a crash test can freeze it, to kill the process there and prove that
 * every table is left at its old or its new state. Inert unless the JVM was started with {@code
 * -Dsilver.failpoint=<name>}: then, on reaching that point, the run prints a marker line and waits
 * to be killed.
 */
public final class FailPoint {
  /** After Bronze is resolved and validated, before anything is written. */
  public static final String BRONZE_RESOLVED = "bronze-resolved";

  /** Silver's would-be state is committed on the run's audit branch; main is unchanged. */
  public static final String SILVER_STAGED = "silver-staged";

  /** Silver's main branch now shows the new state; quarantine still shows the old. */
  public static final String SILVER_PUBLISHED = "silver-published";

  /** Both tables show the new state; the audit branch is not yet removed. */
  public static final String QUARANTINE_PUBLISHED = "quarantine-published";

  /**
   * An incremental run published Silver and quarantine and committed the state of its sources and
   * files, but not yet the job's own state table, which points at them.
   */
  public static final String STATE_SOURCES_COMMITTED = "state-sources-committed";

  /** A capture wrote a batch's CDC files but has not yet moved its replication slot past them. */
  public static final String CAPTURE_BATCH_WRITTEN = "capture-batch-written";

  static final String PROPERTY = "silver.failpoint";

  private FailPoint() {}

  public static void reach(String name) {
    if (!name.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.err.println("silver: failpoint " + name + " reached; waiting to be killed");
    System.err.flush();
    while (true) {
      try {
        TimeUnit.HOURS.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
