package dev.dmssilver.incremental;

import static dev.dmssilver.ColumnNames.columns;
import static dev.dmssilver.ColumnNames.seq;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The pure transforms of an incremental run. New events meet the state's latest event of their key
 * in the full rebuild's own order ({@link LatestEvent}), so a late, older event loses to the state
 * and a delete in the state stays a delete.
 */
public final class Increment {
  /** How the key came out before this run; NULL for a key the run sees first. */
  public static final String PREVIOUS_OUTCOME = "_state_previous_outcome";

  /** Why the row is decided again: {@link #NEW_EVENT}, {@link #CHILD} or quarantined before. */
  public static final String REASON = "_state_reason";

  private static final String NEW_EVENT = "new event";
  private static final String CHILD = "child of a changed parent";
  private static final String QUARANTINED_BEFORE = "quarantined before";
  private static final List<String> EVENT_PLACE =
      Arrays.asList(EventColumns.FILE, EventColumns.BLOCK_START, EventColumns.POSITION);

  private Increment() {}

  /**
   * The state rows of the keys {@code newEvents} touch. {@code state} may be narrowed first (a
   * {@link KeyRange} around the new keys) so that only the files near them are read.
   */
  public static Dataset<Row> priorOf(Dataset<Row> newEvents, Dataset<Row> state, List<String> key) {
    return state.join(newEvents.select(columns(key)).distinct(), seq(key), "left_semi");
  }

  /** The new latest event of every key the new events touch, deletes included. */
  public static Dataset<Row> resolveAgainst(
      Dataset<Row> newEvents, Dataset<Row> prior, List<String> key) {
    Dataset<Row> state =
        StateColumns.asEvents(prior).withColumn(EventColumns.FROM_STATE, lit(true));
    Dataset<Row> all = newEvents.withColumn(EventColumns.FROM_STATE, lit(false)).unionByName(state);
    return LatestEvent.resolve(all, key).drop(EventColumns.FROM_STATE);
  }

  /**
   * No change to the keys of {@code state}: an empty result shaped like {@link #resolveAgainst}.
   */
  public static Dataset<Row> noChanges(Dataset<Row> state) {
    return StateColumns.asEvents(state)
        .withColumn(LatestEvent.KEY_EVENT_COUNT, lit(0L))
        .where(lit(false));
  }

  /** A source's latest events after {@code changed}, as state rows. */
  public static Dataset<Row> updated(Dataset<Row> state, Dataset<Row> changed, Contract source) {
    Dataset<Row> kept =
        state.join(changed.select(columns(source.key())), seq(source.key()), "left_anti");
    return StateColumns.ofSource(kept, source).unionByName(StateColumns.ofSource(changed, source));
  }

  /**
   * A source's rows that {@code changed} touches, before and after: whose children to revisit.
   * {@code state} may be narrowed to a {@link KeyRange} around the changed keys.
   */
  public static Dataset<Row> touched(Dataset<Row> state, Dataset<Row> changed, Contract source) {
    Dataset<Row> before =
        state.join(changed.select(columns(source.key())), seq(source.key()), "left_semi");
    return StateColumns.ofSource(before, source)
        .unionByName(StateColumns.ofSource(changed, source));
  }

  /**
   * The job's state rows that look up one of {@code parentRows} through the enrichment. {@code
   * ownState} may be narrowed to a {@link KeyRange} around the looked-up values.
   */
  public static Dataset<Row> childrenOf(
      Dataset<Row> ownState, Enrichment enrichment, Dataset<Row> parentRows) {
    List<Column> values = new ArrayList<>();
    List<String> mine = new ArrayList<>();
    for (Map.Entry<String, String> pair : enrichment.on().entrySet()) {
      values.add(col(pair.getValue()).as(pair.getKey()));
      mine.add(pair.getKey());
    }
    Dataset<Row> looked = parentRows.select(values.toArray(new Column[0])).distinct();
    return ownState.join(looked, seq(mine), "left_semi");
  }

  /**
   * The job's rows whose outcome this run decides again, each with why ({@link #REASON}) and how it
   * came out before ({@link #PREVIOUS_OUTCOME}): the keys with new events ({@code changedOwn},
   * resolved against {@code prior}); the children of changed parents ({@code children}, state rows,
   * or null for none); and every row quarantined before ({@code quarantined}, state rows), since a
   * rule may pass now (an order arrived, a commit time is no longer in the future).
   */
  public static Dataset<Row> rowsToEvaluate(
      Dataset<Row> changedOwn,
      Dataset<Row> prior,
      Dataset<Row> quarantined,
      Dataset<Row> children,
      List<String> key) {
    Dataset<Row> fromState = quarantined.withColumn(REASON, lit(QUARANTINED_BEFORE));
    if (children != null) {
      List<String> identity = new ArrayList<>(key);
      identity.addAll(EVENT_PLACE);
      Dataset<Row> childRows = children.dropDuplicates(identity.toArray(new String[0]));
      fromState =
          childRows
              .withColumn(REASON, lit(CHILD))
              .unionByName(fromState.join(childRows.select(columns(key)), seq(key), "left_anti"));
    }
    fromState =
        fromState
            .join(changedOwn.select(columns(key)), seq(key), "left_anti")
            .withColumn(PREVIOUS_OUTCOME, col(StateColumns.OUTCOME));
    fromState = StateColumns.asEvents(fromState).withColumn(LatestEvent.KEY_EVENT_COUNT, lit(0L));

    List<Column> previous = new ArrayList<>(Arrays.asList(columns(key)));
    previous.add(col(StateColumns.OUTCOME).as(PREVIOUS_OUTCOME));
    Dataset<Row> changed =
        changedOwn
            .join(prior.select(previous.toArray(new Column[0])), seq(key), "left_outer")
            .withColumn(REASON, lit(NEW_EVENT));
    return changed.unionByName(fromState);
  }

  /** The state rows quarantined when the state was committed. */
  public static Dataset<Row> quarantinedIn(Dataset<Row> ownState) {
    return ownState.where(col(StateColumns.OUTCOME).equalTo(StateColumns.QUARANTINED));
  }

  /** A decided row the job's state must record: a new event, or an outcome that changed. */
  public static Column changesState() {
    return col(REASON)
        .equalTo(NEW_EVENT)
        .or(not(StateColumns.outcome().eqNullSafe(col(PREVIOUS_OUTCOME))));
  }

  /**
   * A decided row that may change Silver: a new event, a row valid now (a child's enrichment may
   * have changed), or a row valid before (it leaves Silver). A row that stays out of Silver without
   * a new event does not.
   */
  public static Column changesSilver() {
    Column validNow = StateColumns.outcome().equalTo(StateColumns.VALID);
    Column validBefore = col(PREVIOUS_OUTCOME).equalTo(StateColumns.VALID);
    return col(REASON).equalTo(NEW_EVENT).or(validNow).or(validBefore.eqNullSafe(lit(true)));
  }
}
