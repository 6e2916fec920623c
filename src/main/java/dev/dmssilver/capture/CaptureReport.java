package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.report.TextTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one capture did: the full load it took, the changes it wrote, and what to know. */
public final class CaptureReport {
  private final String bronzeRoot;
  private final String slot;
  private final Map<String, Long> loadedRows;
  private final Map<String, long[]> changesRead;
  private final Map<String, Long> changesWritten;
  private final Map<String, Integer> files;
  private final String fromLsn;
  private final String toLsn;
  private final Duration fullLoadTime;
  private final Duration changesTime;
  private final List<String> warnings;

  CaptureReport(
      String bronzeRoot,
      String slot,
      Map<String, Long> loadedRows,
      Map<String, long[]> changesRead,
      Map<String, Long> changesWritten,
      Map<String, Integer> files,
      String fromLsn,
      String toLsn,
      Duration fullLoadTime,
      Duration changesTime,
      List<String> warnings) {
    this.bronzeRoot = requireNonNull(bronzeRoot, "bronzeRoot is null");
    this.slot = requireNonNull(slot, "slot is null");
    this.loadedRows = Collections.unmodifiableMap(new TreeMap<>(loadedRows));
    this.changesRead = Collections.unmodifiableMap(new TreeMap<>(changesRead));
    this.changesWritten = Collections.unmodifiableMap(new TreeMap<>(changesWritten));
    this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    this.fromLsn = fromLsn;
    this.toLsn = toLsn;
    this.fullLoadTime = requireNonNull(fullLoadTime, "fullLoadTime is null");
    this.changesTime = requireNonNull(changesTime, "changesTime is null");
    this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
  }

  /** The folder that holds {@code <schema>/<table>}: the jobs' {@code --bronze}. */
  public String bronzeRoot() {
    return bronzeRoot;
  }

  /** Rows the full load wrote per table; empty if this run took none. */
  public Map<String, Long> loadedRows() {
    return loadedRows;
  }

  public boolean tookFullLoad() {
    return !loadedRows.isEmpty();
  }

  /** Inserts, updates and deletes read from the slot, per table. */
  public long changesRead(String table, char op) {
    long[] ops = changesRead.get(table);
    return ops == null ? 0 : ops[op == 'I' ? 0 : op == 'U' ? 1 : 2];
  }

  public long changesRead() {
    long total = 0;
    for (long[] ops : changesRead.values()) {
      total += Arrays.stream(ops).sum();
    }
    return total;
  }

  /** Changes written to CDC files (those the endpoint keeps). */
  public long changesWritten() {
    long total = 0;
    for (long written : changesWritten.values()) {
      total += written;
    }
    return total;
  }

  public List<String> warnings() {
    return warnings;
  }

  /** Changes per second from the slot to Parquet, over the change phase. */
  public double changesPerSecond() {
    double seconds = changesTime.toNanos() / 1e9;
    return seconds <= 0 ? 0 : changesRead() / seconds;
  }

  /** The report as people read it. */
  public String render() {
    TextTable table =
        new TextTable(
            Arrays.asList(
                "table", "full load", "inserts", "updates", "deletes", "written", "files"));
    TreeSet<String> names = new TreeSet<>(loadedRows.keySet());
    names.addAll(changesRead.keySet());
    for (String name : names) {
      table.addRow(
          Arrays.asList(
              name,
              loadedRows.containsKey(name) ? String.format("%,d", loadedRows.get(name)) : "-",
              String.format("%,d", changesRead(name, 'I')),
              String.format("%,d", changesRead(name, 'U')),
              String.format("%,d", changesRead(name, 'D')),
              String.format("%,d", changesWritten.getOrDefault(name, 0L)),
              String.format("%,d", files.getOrDefault(tableName(name), 0))));
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format("capture through slot %s, from LSN %s to %s%n", slot, fromLsn, toLsn));
    text.append(table.render());
    if (tookFullLoad()) {
      text.append(
          String.format(
              "full load: %,d rows in %.1f s%n",
              loadedRows.values().stream().mapToLong(Long::longValue).sum(),
              fullLoadTime.toMillis() / 1000.0));
    }
    text.append(
        String.format(
            "changes: %,d read, %,d written in %.1f s (%,.0f changes/s)%n",
            changesRead(), changesWritten(), changesTime.toMillis() / 1000.0, changesPerSecond()));
    for (String warning : warnings) {
      text.append("warning: ").append(warning).append(System.lineSeparator());
    }
    text.append(
        String.format("Bronze is in %s: run the jobs with --bronze %s%n", bronzeRoot, bronzeRoot));
    return text.toString();
  }

  private static String tableName(String qualified) {
    return qualified.substring(qualified.indexOf('.') + 1);
  }
}
