package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.lakehouse.Publication;
import dev.dmssilver.quality.GateVerdict;
import dev.dmssilver.quality.OutcomeCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one job did. A job that ran to the end has its figures and gate verdict: it either published
 * (its snapshots are known) or was stopped by the gate (Silver unchanged, the would-be state on an
 * audit branch). A job that failed has its error.
 */
public final class JobResult {
  /** How a job ended. */
  public enum Status {
    PUBLISHED,
    /** An incremental run found no new Bronze file: nothing to do, nothing written. */
    UP_TO_DATE,
    GATE_FAILED,
    FAILED
  }

  /** How a job read Bronze. */
  public enum Mode {
    /** The whole Bronze history: the default, and an incremental run that could not apply. */
    FULL_REBUILD,
    /** Only the Bronze files the incremental state had not applied yet. */
    INCREMENTAL
  }

  private final String table;
  private final Status status;
  private final Duration duration;
  private final BronzeFigures bronze;
  private final OutcomeCounts counts;
  private final GateVerdict verdict;
  private final Publication publication;
  private final Throwable failure;
  private final Mode mode;
  private final String fullRebuildReason;

  private JobResult(
      String table,
      Status status,
      Duration duration,
      BronzeFigures bronze,
      OutcomeCounts counts,
      GateVerdict verdict,
      Publication publication,
      Throwable failure,
      Mode mode,
      String fullRebuildReason) {
    this.table = requireNonNull(table, "table is null");
    this.status = requireNonNull(status, "status is null");
    this.duration = requireNonNull(duration, "duration is null");
    this.bronze = bronze;
    this.counts = counts;
    this.verdict = verdict;
    this.publication = publication;
    this.failure = failure;
    this.mode = mode;
    this.fullRebuildReason = fullRebuildReason;
  }

  static JobResult published(
      String table,
      Duration duration,
      BronzeFigures bronze,
      OutcomeCounts counts,
      GateVerdict verdict,
      Publication publication) {
    return new JobResult(
        table,
        Status.PUBLISHED,
        duration,
        requireNonNull(bronze, "bronze is null"),
        requireNonNull(counts, "counts is null"),
        requireNonNull(verdict, "verdict is null"),
        requireNonNull(publication, "publication is null"),
        null,
        Mode.FULL_REBUILD,
        null);
  }

  static JobResult gateFailed(
      String table,
      Duration duration,
      BronzeFigures bronze,
      OutcomeCounts counts,
      GateVerdict verdict,
      Throwable explanation) {
    return new JobResult(
        table,
        Status.GATE_FAILED,
        duration,
        requireNonNull(bronze, "bronze is null"),
        requireNonNull(counts, "counts is null"),
        requireNonNull(verdict, "verdict is null"),
        null,
        requireNonNull(explanation, "explanation is null"),
        Mode.FULL_REBUILD,
        null);
  }

  static JobResult upToDate(String table, Duration duration) {
    return new JobResult(
        table, Status.UP_TO_DATE, duration, null, null, null, null, null, Mode.INCREMENTAL, null);
  }

  static JobResult failed(String table, Duration duration, Throwable failure) {
    return new JobResult(
        table,
        Status.FAILED,
        duration,
        null,
        null,
        null,
        null,
        requireNonNull(failure, "failure"),
        null,
        null);
  }

  /** This result, of a run that applied only the Bronze files not applied before. */
  JobResult appliedIncrementally() {
    return withMode(Mode.INCREMENTAL, null);
  }

  /** This result, of an incremental run that rebuilt from the whole history instead, and why. */
  JobResult rebuiltFullyBecause(String reason) {
    return withMode(Mode.FULL_REBUILD, requireNonNull(reason, "reason is null"));
  }

  private JobResult withMode(Mode newMode, String reason) {
    return new JobResult(
        table, status, duration, bronze, counts, verdict, publication, failure, newMode, reason);
  }

  public String table() {
    return table;
  }

  public Status status() {
    return status;
  }

  public Duration duration() {
    return duration;
  }

  /** True when the job published its tables, or found them up to date. */
  public boolean succeeded() {
    return status == Status.PUBLISHED || status == Status.UP_TO_DATE;
  }

  /** How the job read Bronze; empty for a job that failed before it could tell. */
  public Optional<Mode> mode() {
    return Optional.ofNullable(mode);
  }

  /** Why an incremental run rebuilt from the whole history; empty for any other run. */
  public Optional<String> fullRebuildReason() {
    return Optional.ofNullable(fullRebuildReason);
  }

  public Optional<BronzeFigures> bronze() {
    return Optional.ofNullable(bronze);
  }

  /** The run's figures: what was published, or what would have been, had the gate allowed it. */
  public Optional<OutcomeCounts> counts() {
    return Optional.ofNullable(counts);
  }

  public Optional<GateVerdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  public Optional<Publication> publication() {
    return Optional.ofNullable(publication);
  }

  /** The error of a failed job, or the explanation of a gate failure. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * How a job that did not publish failed ({@code GATE} when the gate held it); empty if it did.
   */
  public Optional<SilverException.Kind> failureKind() {
    return failure().map(SilverException.Kind::of);
  }

  /** The exit code of a run with these results: 0 if all published (see SilverException). */
  public static int exitCode(List<JobResult> results) {
    List<SilverException.Kind> failures = new ArrayList<>();
    for (JobResult result : results) {
      result.failureKind().ifPresent(failures::add);
    }
    return SilverException.exitCode(failures);
  }

  /** Figures about the Bronze input, known from listing and footers alone. */
  public static final class BronzeFigures {
    private final int files;
    private final long events;
    private final long bytes;
    private final Set<String> ignoredColumns;

    BronzeFigures(BronzeInventory inventory, Set<String> ignoredColumns) {
      this.files = inventory.fileCount();
      this.events = inventory.eventCount();
      this.bytes = inventory.sizeInBytes();
      this.ignoredColumns = Collections.unmodifiableSet(new TreeSet<>(ignoredColumns));
    }

    BronzeFigures(BronzeEvents events) {
      this(events.inventory(), events.ignoredColumns());
    }

    public int files() {
      return files;
    }

    public long events() {
      return events;
    }

    public long bytes() {
      return bytes;
    }

    public Set<String> ignoredColumns() {
      return ignoredColumns;
    }
  }
}
