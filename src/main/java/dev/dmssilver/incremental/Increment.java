package dev.dmssilver.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The pure transforms of an incremental run. New events meet the state's latest event of their key
 * in the full rebuild's own order ({@link LatestEvent}), so a late, older event loses to the state
 * and a delete in the state stays a delete.
 */
public final class Increment {
  /** How the key came out before this run; NULL for a key the run sees first. */
  public static final String PREVIOUS_OUTCOME = "_state_previous_outcome";

  private static final String CHILD = "_state_child";

  private Increment() {}

  /** The new latest event of every key the new events touch, deletes included. */
  public static Dataset<Row> resolveAgainst(
      Dataset<Row> newEvents, Dataset<Row> state, List<String> key) {
    Dataset<Row> touched = newEvents.select(keyColumns(key)).distinct();
    Dataset<Row> prior =
        StateColumns.asEvents(state)
            .join(touched, seq(key), "left_semi")
            .withColumn(EventColumns.FROM_STATE, lit(true));
    Dataset<Row> all = newEvents.withColumn(EventColumns.FROM_STATE, lit(false)).unionByName(prior);
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
        state.join(changed.select(keyColumns(source.key())), seq(source.key()), "left_anti");
    return StateColumns.ofSource(kept, source).unionByName(StateColumns.ofSource(changed, source));
  }

  /** A source's rows that {@code changed} touches, before and after: whose children to revisit. */
  public static Dataset<Row> touched(Dataset<Row> state, Dataset<Row> changed, Contract source) {
    Dataset<Row> before =
        state.join(changed.select(keyColumns(source.key())), seq(source.key()), "left_semi");
    return StateColumns.ofSource(before, source)
        .unionByName(StateColumns.ofSource(changed, source));
  }

  /** The keys of the job's rows that look up one of {@code parentRows} through the enrichment. */
  public static Dataset<Row> childrenOf(
      Dataset<Row> ownState, Enrichment enrichment, Dataset<Row> parentRows, List<String> key) {
    List<Column> values = new ArrayList<>();
    List<String> mine = new ArrayList<>();
    for (Map.Entry<String, String> pair : enrichment.on().entrySet()) {
      values.add(col(pair.getValue()).as(pair.getKey()));
      mine.add(pair.getKey());
    }
    Dataset<Row> looked = parentRows.select(values.toArray(new Column[0])).distinct();
    return ownState.join(looked, seq(mine), "left_semi").select(keyColumns(key)).distinct();
  }

  /**
   * The job's rows whose outcome this run decides again: the keys with new events, the children of
   * changed parents ({@code childKeys}, or null for none), and every row quarantined before, since
   * a rule may pass now (an order arrived, a commit time is no longer in the future).
   */
  public static Dataset<Row> rowsToEvaluate(
      Dataset<Row> changedOwn, Dataset<Row> ownState, List<String> key, Dataset<Row> childKeys) {
    Column again = col(StateColumns.OUTCOME).equalTo(StateColumns.QUARANTINED);
    Dataset<Row> candidates = ownState;
    if (childKeys != null) {
      candidates = ownState.join(childKeys.withColumn(CHILD, lit(true)), seq(key), "left_outer");
      again = again.or(col(CHILD).isNotNull());
    }
    Dataset<Row> fromState =
        candidates
            .where(again)
            .drop(CHILD)
            .join(changedOwn.select(keyColumns(key)), seq(key), "left_anti")
            .withColumn(PREVIOUS_OUTCOME, col(StateColumns.OUTCOME));
    fromState = StateColumns.asEvents(fromState).withColumn(LatestEvent.KEY_EVENT_COUNT, lit(0L));

    List<Column> previous = columns(key);
    previous.add(col(StateColumns.OUTCOME).as(PREVIOUS_OUTCOME));
    Dataset<Row> changed =
        changedOwn.join(ownState.select(previous.toArray(new Column[0])), seq(key), "left_outer");
    return changed.unionByName(fromState);
  }

  private static Column[] keyColumns(List<String> names) {
    return columns(names).toArray(new Column[0]);
  }

  private static List<Column> columns(List<String> names) {
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(col(name));
    }
    return columns;
  }

  private static Seq<String> seq(List<String> names) {
    return JavaConverters.asScalaBuffer(names).toSeq();
  }
}
