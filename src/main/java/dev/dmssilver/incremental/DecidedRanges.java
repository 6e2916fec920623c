package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the writes of an incremental run need to know about the rows it decided again, drawn in one
 * pass over them: the key range of the rows that change Silver, of those that change the state, and
 * how many of them Silver held before the run.
 */
public final class DecidedRanges {
  /** The rows that change Silver ({@link Increment#changesSilver()}). */
  public final KeyRange silverChanges;

  /** The rows that change the job's own state ({@link Increment#changesState()}). */
  public final KeyRange stateChanges;

  /** How many of the decided rows were valid, so in Silver, before this run. */
  public final long validBefore;

  private DecidedRanges(KeyRange silverChanges, KeyRange stateChanges, long validBefore) {
    this.silverChanges = requireNonNull(silverChanges, "silverChanges is null");
    this.stateChanges = requireNonNull(stateChanges, "stateChanges is null");
    this.validBefore = validBefore;
  }

  /** {@code checked}: the decided rows, validated, with their previous outcome. */
  public static DecidedRanges of(Dataset<Row> checked, List<String> key) {
    List<KeyRange> ranges =
        KeyRange.ofEach(
            checked,
            key,
            Arrays.asList(
                Increment.changesSilver(),
                Increment.changesState(),
                col(Increment.PREVIOUS_OUTCOME).equalTo(StateColumns.VALID)));
    return new DecidedRanges(ranges.get(0), ranges.get(1), ranges.get(2).rows());
  }
}
