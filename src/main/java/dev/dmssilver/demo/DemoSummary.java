package dev.dmssilver.demo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What the generator wrote: events and files per Bronze table. */
public final class DemoSummary {
  private final Map<String, Long> eventsByTable;
  private final Map<String, Integer> filesByTable;
  private final long fullLoadEvents;

  DemoSummary(
      Map<String, Long> eventsByTable, Map<String, Integer> filesByTable, long fullLoadEvents) {
    this.eventsByTable = Collections.unmodifiableMap(new TreeMap<>(eventsByTable));
    this.filesByTable = Collections.unmodifiableMap(new TreeMap<>(filesByTable));
    this.fullLoadEvents = fullLoadEvents;
  }

  /** Rows in full-load files (both full loads: the first and the restart's). */
  public long fullLoadEvents() {
    return fullLoadEvents;
  }

  public Map<String, Long> eventsByTable() {
    return eventsByTable;
  }

  public Map<String, Integer> filesByTable() {
    return filesByTable;
  }

  public long events() {
    long events = 0;
    for (long tableEvents : eventsByTable.values()) {
      events += tableEvents;
    }
    return events;
  }

  public int files() {
    int files = 0;
    for (int tableFiles : filesByTable.values()) {
      files += tableFiles;
    }
    return files;
  }
}
