package dev.dmssilver.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.cdc.LatestEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every figure a job reports and checks, computed by one aggregation over the validated latest
 * events. Run it on the persisted result, and the figures cost no pass over Bronze of their own.
 *
 * <p>Every aggregate is a number, so Spark hash-aggregates them in generated code. A text aggregate
 * (a {@code min} over strings) would make it fall back to an interpreted sort-based aggregation
 * over every row; the one text the figures need, an unparseable commit timestamp to quote, is
 * fetched by a second small query, and only when there is one.
 */
public final class OutcomeCounts {
  private final long eventsResolved;
  private final long deletedKeys;
  private final long currentRows;
  private final long validRows;
  private final long quarantinedRows;
  private final Map<String, Long> rowsByReason;
  private final Instant newestCommit;
  private final long unparseableCommitTimestamps;
  private final String unparseableExample;

  OutcomeCounts(
      long eventsResolved,
      long deletedKeys,
      long currentRows,
      long validRows,
      long quarantinedRows,
      Map<String, Long> rowsByReason,
      Instant newestCommit,
      long unparseableCommitTimestamps,
      String unparseableExample) {
    this.eventsResolved = eventsResolved;
    this.deletedKeys = deletedKeys;
    this.currentRows = currentRows;
    this.validRows = validRows;
    this.quarantinedRows = quarantinedRows;
    this.rowsByReason =
        Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(rowsByReason, "rows")));
    this.newestCommit = newestCommit;
    this.unparseableCommitTimestamps = unparseableCommitTimestamps;
    this.unparseableExample = unparseableExample;
  }

  /**
   * @param checked latest events (deletes included) with {@link Validation#REASONS}
   * @param reasons every reason the validation can give
   */
  public static OutcomeCounts of(Dataset<Row> checked, List<String> reasons) {
    Column current = LatestEvent.isCurrent();
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(col(LatestEvent.KEY_EVENT_COUNT)));
    aggregates.add(count(when(not(current), 1)));
    aggregates.add(count(when(current, 1)));
    aggregates.add(count(when(current.and(Validation.isValid()), 1)));
    aggregates.add(count(when(current.and(Validation.isQuarantined()), 1)));
    aggregates.add(max(col(EventColumns.COMMIT_TIMESTAMP)));
    // Events that cannot be ordered stand alone in the resolved rows: counting rows counts them.
    Column unparseable = LatestEvent.unparseableCommitTimestamp();
    aggregates.add(count(when(unparseable, 1)));
    int reasonsFrom = aggregates.size();
    for (String reason : reasons) {
      aggregates.add(
          count(when(current.and(array_contains(col(Validation.REASONS), lit(reason))), 1)));
    }
    Row row =
        checked
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
            .first();
    long unparseableEvents = row.getLong(6);
    Map<String, Long> rowsByReason = new LinkedHashMap<>();
    for (int i = 0; i < reasons.size(); i++) {
      long rows = row.getLong(reasonsFrom + i);
      if (rows > 0) {
        rowsByReason.put(reasons.get(i), rows);
      }
    }
    return new OutcomeCounts(
        row.isNullAt(0) ? 0 : row.getLong(0),
        row.getLong(1),
        row.getLong(2),
        row.getLong(3),
        row.getLong(4),
        rowsByReason,
        row.isNullAt(5) ? null : row.getTimestamp(5).toInstant(),
        unparseableEvents,
        unparseableEvents == 0 ? null : unparseableExample(checked));
  }

  /**
   * The figures of an incremental run, whose rows are only the ones it decided again: the Silver
   * total is {@code validRowsInTotal}, every quarantined row was decided again, and the newest
   * commit is the later of this run's and {@code newestBefore}.
   */
  public OutcomeCounts withTotals(long validRowsInTotal, Optional<Instant> newestBefore) {
    Instant newest = newestCommit;
    if (newestBefore.isPresent() && (newest == null || newestBefore.get().isAfter(newest))) {
      newest = newestBefore.get();
    }
    return new OutcomeCounts(
        eventsResolved,
        deletedKeys,
        validRowsInTotal + quarantinedRows,
        validRowsInTotal,
        quarantinedRows,
        rowsByReason,
        newest,
        unparseableCommitTimestamps,
        unparseableExample);
  }

  /** The first, in text order, of the events whose commit timestamp did not parse: "file: text". */
  private static String unparseableExample(Dataset<Row> checked) {
    Column example =
        concat_ws(": ", col(EventColumns.FILE), col(EventColumns.COMMIT_TIMESTAMP_TEXT));
    List<Row> first =
        checked
            .where(LatestEvent.unparseableCommitTimestamp())
            .select(example.as("example"))
            .orderBy(col("example"))
            .limit(1)
            .collectAsList();
    return first.isEmpty() ? null : first.get(0).getString(0);
  }

  /** Sum over keys of each key's event count: every event read, counted once. */
  public long eventsResolved() {
    return eventsResolved;
  }

  /** Keys whose latest event is a delete: absent from Silver. */
  public long deletedKeys() {
    return deletedKeys;
  }

  /** Keys whose latest event is not a delete: each must land in Silver or quarantine. */
  public long currentRows() {
    return currentRows;
  }

  public long validRows() {
    return validRows;
  }

  public long quarantinedRows() {
    return quarantinedRows;
  }

  /** Quarantined rows per failed rule, for reasons that occurred. A row may count under several. */
  public Map<String, Long> rowsByReason() {
    return rowsByReason;
  }

  /** The newest commit timestamp among all events read: how fresh this Silver state is. */
  public Optional<Instant> newestCommit() {
    return Optional.ofNullable(newestCommit);
  }

  public long unparseableCommitTimestamps() {
    return unparseableCommitTimestamps;
  }

  /** One event whose commit timestamp did not parse, as "file: text". */
  public Optional<String> unparseableExample() {
    return Optional.ofNullable(unparseableExample);
  }
}
