package dev.dmssilver.maintenance;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What maintenance did to one table, or why it could not. */
public final class MaintenanceReport {
  private final String table;
  private final Duration duration;
  private final TableFigures before;
  private final TableFigures after;
  private final int dataFilesRewritten;
  private final int dataFilesAdded;
  private final int manifestsRewritten;
  private final long filesDeletedByExpiry;
  private final int orphanFilesRemoved;
  private final Throwable failure;

  MaintenanceReport(
      String table,
      Duration duration,
      TableFigures before,
      TableFigures after,
      int dataFilesRewritten,
      int dataFilesAdded,
      int manifestsRewritten,
      long filesDeletedByExpiry,
      int orphanFilesRemoved) {
    this.table = requireNonNull(table, "table is null");
    this.duration = requireNonNull(duration, "duration is null");
    this.before = requireNonNull(before, "before is null");
    this.after = requireNonNull(after, "after is null");
    this.dataFilesRewritten = dataFilesRewritten;
    this.dataFilesAdded = dataFilesAdded;
    this.manifestsRewritten = manifestsRewritten;
    this.filesDeletedByExpiry = filesDeletedByExpiry;
    this.orphanFilesRemoved = orphanFilesRemoved;
    this.failure = null;
  }

  private MaintenanceReport(String table, Duration duration, Throwable failure) {
    this.table = requireNonNull(table, "table is null");
    this.duration = requireNonNull(duration, "duration is null");
    this.before = null;
    this.after = null;
    this.dataFilesRewritten = 0;
    this.dataFilesAdded = 0;
    this.manifestsRewritten = 0;
    this.filesDeletedByExpiry = 0;
    this.orphanFilesRemoved = 0;
    this.failure = requireNonNull(failure, "failure is null");
  }

  static MaintenanceReport failed(String table, Duration duration, Throwable failure) {
    return new MaintenanceReport(table, duration, failure);
  }

  public String table() {
    return table;
  }

  public Duration duration() {
    return duration;
  }

  public boolean succeeded() {
    return failure == null;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** The exit code of a maintenance run with these reports: 0 if every table succeeded. */
  public static int exitCode(List<MaintenanceReport> reports) {
    List<SilverException.Kind> failures = new ArrayList<>();
    for (MaintenanceReport report : reports) {
      report.failure().ifPresent(failure -> failures.add(SilverException.Kind.of(failure)));
    }
    return SilverException.exitCode(failures);
  }

  /** The table before maintenance; absent if maintenance failed. */
  public Optional<TableFigures> before() {
    return Optional.ofNullable(before);
  }

  public Optional<TableFigures> after() {
    return Optional.ofNullable(after);
  }

  /** Small data files compaction replaced. */
  public int dataFilesRewritten() {
    return dataFilesRewritten;
  }

  /** The larger data files compaction wrote in their place. */
  public int dataFilesAdded() {
    return dataFilesAdded;
  }

  public int manifestsRewritten() {
    return manifestsRewritten;
  }

  /** Snapshots expired: held before, gone after (maintenance's own snapshots included). */
  public int snapshotsExpired() {
    if (before == null) {
      return 0;
    }
    int added = (dataFilesRewritten > 0 ? 1 : 0) + (manifestsRewritten > 0 ? 1 : 0);
    return before.snapshots() + added - after.snapshots();
  }

  /** Data files, manifests and manifest lists that only expired snapshots referenced. */
  public long filesDeletedByExpiry() {
    return filesDeletedByExpiry;
  }

  public int orphanFilesRemoved() {
    return orphanFilesRemoved;
  }
}
