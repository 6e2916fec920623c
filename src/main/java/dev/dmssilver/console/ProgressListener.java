package dev.dmssilver.console;

/**
 * Hears where each table of a command is, to show it. The step log records the same events; a
 * listener only displays them.
 */
public interface ProgressListener extends AutoCloseable {
  /** Nobody is watching: off a terminal, the step log is the display. */
  ProgressListener NONE =
      new ProgressListener() {
        @Override
        public void step(String table, String step) {}

        @Override
        public void warning(String table, String warning) {}

        @Override
        public void finished(String table, boolean succeeded) {}
      };

  /** {@code table} is now at {@code step}; its clock starts at its first step. */
  void step(String table, String step);

  /** Something the user should know about {@code table}, in the tool's own words. */
  void warning(String table, String warning);

  void finished(String table, boolean succeeded);

  /** Stops displaying; what is on screen stays. */
  @Override
  default void close() {}
}
