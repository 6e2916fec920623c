package dev.dmssilver.console;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.NamedThreads;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A terminal display: one line per table, rewritten in place with its step and elapsed time, and
 * warnings printed above those lines as they come. Used only on a terminal (ANSI escapes); off a
 * terminal the step log stays the output.
 */
public final class LiveDisplay implements ProgressListener {
  private static final String CLEAR_LINE = "\u001b[2K";
  private static final String CLEAR_BELOW = "\u001b[J";
  private static final long REDRAW_MS = 250;

  private final PrintStream terminal;
  private final Clock clock;
  private final int width;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private final ScheduledExecutorService redraws;
  private int linesOnScreen;

  private LiveDisplay(PrintStream terminal, Clock clock, int width, boolean ticking) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.width = width;
    this.redraws = ticking ? NamedThreads.scheduler("display") : null;
    if (redraws != null) {
      redraws.scheduleAtFixedRate(this::redraw, REDRAW_MS, REDRAW_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** A display on {@code terminal}, redrawn four times a second until closed. */
  public static LiveDisplay on(PrintStream terminal, int width) {
    return new LiveDisplay(terminal, Clock.systemUTC(), width, true);
  }

  /** A display that redraws only when told: for tests, with their own clock. */
  static LiveDisplay manual(PrintStream terminal, Clock clock, int width) {
    return new LiveDisplay(terminal, clock, width, false);
  }

  @Override
  public synchronized void step(String table, String step) {
    Line line = lines.get(table);
    lines.put(table, new Line(step, line == null ? clock.instant() : line.started, null));
    redraw();
  }

  @Override
  public synchronized void warning(String table, String warning) {
    erase();
    terminal.print(oneLine("! " + table + ": " + warning) + "\n");
    redraw();
  }

  @Override
  public synchronized void finished(String table, boolean succeeded) {
    Line line = lines.get(table);
    Instant started = line == null ? clock.instant() : line.started;
    String step = line == null ? "" : line.step;
    Duration took = Duration.between(started, clock.instant());
    lines.put(table, new Line(step, started, (succeeded ? "done " : "FAILED ") + seconds(took)));
    redraw();
  }

  /** Rewrites every table's line in place. */
  synchronized void redraw() {
    StringBuilder frame = new StringBuilder(cursorBack());
    int nameWidth = 0;
    for (String table : lines.keySet()) {
      nameWidth = Math.max(nameWidth, table.length());
    }
    Instant now = clock.instant();
    for (Map.Entry<String, Line> entry : lines.entrySet()) {
      Line line = entry.getValue();
      String status =
          line.outcome != null ? line.outcome : seconds(Duration.between(line.started, now));
      String name = String.format("%-" + nameWidth + "s", entry.getKey());
      frame.append(CLEAR_LINE).append(fit(name + "  " + status + "  " + line.step, width));
      frame.append('\n');
    }
    frame.append(CLEAR_BELOW);
    terminal.print(frame);
    terminal.flush();
    linesOnScreen = lines.size();
  }

  private void erase() {
    terminal.print(cursorBack() + CLEAR_BELOW);
    linesOnScreen = 0;
  }

  /** Moves the cursor to the start of the first line this display drew. */
  private String cursorBack() {
    return linesOnScreen == 0 ? "\r" : "\r\u001b[" + linesOnScreen + "A";
  }

  /** Cut to {@code width}: a longer line would wrap and break the cursor arithmetic. */
  private static String fit(String text, int width) {
    String line = oneLine(text);
    return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ');
  }

  private static String seconds(Duration duration) {
    return String.format("%5.1f s", duration.toMillis() / 1000.0);
  }

  @Override
  public void close() {
    if (redraws != null) {
      redraws.shutdownNow();
    }
    redraw();
  }

  private static final class Line {
    final String step;
    final Instant started;
    final String outcome;

    Line(String step, Instant started, String outcome) {
      this.step = step;
      this.started = started;
      this.outcome = outcome;
    }
  }
}
