package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.lakehouse.Publication;
import dev.dmssilver.quality.OutcomeCounts;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What one job did: its figures and snapshots when it succeeded, its error when it failed. */
public final class JobResult {
  private final String table;
  private final Duration duration;
  private final BronzeFigures bronze;
  private final OutcomeCounts counts;
  private final Publication publication;
  private final Throwable failure;

  private JobResult(
      String table,
      Duration duration,
      BronzeFigures bronze,
      OutcomeCounts counts,
      Publication publication,
      Throwable failure) {
    this.table = requireNonNull(table, "table is null");
    this.duration = requireNonNull(duration, "duration is null");
    this.bronze = bronze;
    this.counts = counts;
    this.publication = publication;
    this.failure = failure;
  }

  static JobResult succeeded(
      String table,
      Duration duration,
      BronzeFigures bronze,
      OutcomeCounts counts,
      Publication publication) {
    return new JobResult(
        table,
        duration,
        requireNonNull(bronze, "bronze is null"),
        requireNonNull(counts, "counts is null"),
        requireNonNull(publication, "publication is null"),
        null);
  }

  static JobResult failed(String table, Duration duration, Throwable failure) {
    return new JobResult(table, duration, null, null, null, requireNonNull(failure, "failure"));
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

  public Optional<BronzeFigures> bronze() {
    return Optional.ofNullable(bronze);
  }

  public Optional<OutcomeCounts> counts() {
    return Optional.ofNullable(counts);
  }

  public Optional<Publication> publication() {
    return Optional.ofNullable(publication);
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Figures about the Bronze input, known from listing and footers alone. */
  public static final class BronzeFigures {
    private final int files;
    private final long events;
    private final long bytes;
    private final Set<String> ignoredColumns;

    BronzeFigures(BronzeEvents events) {
      this.files = events.inventory().fileCount();
      this.events = events.inventory().eventCount();
      this.bytes = events.inventory().sizeInBytes();
      this.ignoredColumns = events.ignoredColumns();
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
