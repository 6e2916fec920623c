package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.iceberg.Snapshot;

/** A run's would-be Silver table, committed on its audit branch and not yet on main. */
public final class StagedSilver {
  private final String table;
  private final String branch;
  private final Optional<Snapshot> base;
  private final Snapshot staged;

  StagedSilver(String table, String branch, Optional<Snapshot> base, Snapshot staged) {
    this.table = requireNonNull(table, "table is null");
    this.branch = requireNonNull(branch, "branch is null");
    this.base = requireNonNull(base, "base is null");
    this.staged = requireNonNull(staged, "staged is null");
  }

  public String table() {
    return table;
  }

  /** The audit branch holding the staged snapshot, e.g. {@code audit_20240115t101500z_1a2b3c4d}. */
  public String branch() {
    return branch;
  }

  /**
   * The main snapshot the run started from, empty for a table no run had published; publishing
   * requires main to still be there.
   */
  public Optional<Snapshot> base() {
    return base;
  }

  public Snapshot staged() {
    return staged;
  }
}
