package dev.dmssilver.bronze;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The events of one Bronze table, ready to resolve, and what the reader learned on the way. */
public final class BronzeEvents {
  private final Dataset<Row> events;
  private final BronzeInventory inventory;
  private final Set<String> ignoredColumns;
  private final Optional<Instant> fullLoadStart;

  public BronzeEvents(
      Dataset<Row> events,
      BronzeInventory inventory,
      Set<String> ignoredColumns,
      Optional<Instant> fullLoadStart) {
    this.events = requireNonNull(events, "events is null");
    this.inventory = requireNonNull(inventory, "inventory is null");
    this.ignoredColumns = Collections.unmodifiableSet(new TreeSet<>(ignoredColumns));
    this.fullLoadStart = requireNonNull(fullLoadStart, "fullLoadStart is null");
  }

  /** When the table's full load started, as its LOAD files' earliest stamp; empty without one. */
  public Optional<Instant> fullLoadStart() {
    return fullLoadStart;
  }

  /** Contract columns cast to Silver types, plus the {@link EventColumns}. Lazy: nothing read. */
  public Dataset<Row> events() {
    return events;
  }

  public BronzeInventory inventory() {
    return inventory;
  }

  /** Columns found in Bronze files that the contract does not declare (DMS schema drift). */
  public Set<String> ignoredColumns() {
    return ignoredColumns;
  }
}
