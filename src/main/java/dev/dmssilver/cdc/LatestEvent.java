package dev.dmssilver.cdc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.bronze.EventColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Resolves events to the latest event per key. The order is total, so the same Bronze always gives
 * the same winner:
 *
 * <ol>
 *   <li>commit timestamp;
 *   <li>change sequence (absent or NULL sorts lowest);
 *   <li>CDC files above full-load files;
 *   <li>file path;
 *   <li>position within the file (a later row wins).
 * </ol>
 *
 * <p>The result still holds keys whose latest event is a delete; {@link #isCurrent()} tells them
 * apart. An event that cannot be ordered (a NULL key, or a commit timestamp that did not parse)
 * stands alone and so always reaches the result, where it is counted and reported: nothing vanishes
 * because it lost an ordering it could not take part in.
 *
 * <p>One window, one sort: {@code row_number} over the order, and the key's event count over the
 * same partition. Cheaper shapes were measured (see README, Performance): a {@code max(struct)}
 * aggregation sorts twice, since Spark 3.3 cannot hash-aggregate a struct, and was slower.
 */
public final class LatestEvent {
  /** How many events the key had; summed over keys it must equal the events read. */
  public static final String KEY_EVENT_COUNT = "_key_event_count";

  private static final String RANK = "_event_rank";
  private static final String ISOLATION = "_event_isolation";

  private LatestEvent() {}

  public static Dataset<Row> resolve(Dataset<Row> events, List<String> keyColumns) {
    Column cannotBeOrdered = unparseableCommitTimestamp();
    for (String key : keyColumns) {
      cannotBeOrdered = cannotBeOrdered.or(col(key).isNull());
    }
    Column isolation =
        when(
            cannotBeOrdered,
            struct(
                col(EventColumns.FILE), col(EventColumns.BLOCK_START), col(EventColumns.POSITION)));

    List<Column> partition = new ArrayList<>();
    for (String key : keyColumns) {
      partition.add(col(key));
    }
    partition.add(col(ISOLATION));
    WindowSpec latestFirst =
        Window.partitionBy(partition.toArray(new Column[0]))
            .orderBy(
                col(EventColumns.COMMIT_TIMESTAMP).desc_nulls_last(),
                col(EventColumns.CHANGE_SEQUENCE).desc_nulls_last(),
                col(EventColumns.FROM_CDC).desc(),
                col(EventColumns.FILE).desc(),
                col(EventColumns.BLOCK_START).desc(),
                col(EventColumns.POSITION).desc());
    WindowSpec allOfKey =
        latestFirst.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());

    // An incremental run's state rows were counted when their events were first read.
    boolean withState = Arrays.asList(events.columns()).contains(EventColumns.FROM_STATE);
    Column counted = withState ? when(not(col(EventColumns.FROM_STATE)), 1) : lit(1);
    // The text of a commit timestamp is kept only where it did not parse, to name it in the error;
    // every other event would carry 26 bytes through the shuffle and sort for nothing.
    return events
        .withColumn(
            EventColumns.COMMIT_TIMESTAMP_TEXT,
            when(unparseableCommitTimestamp(), col(EventColumns.COMMIT_TIMESTAMP_TEXT)))
        .withColumn(ISOLATION, isolation)
        .withColumn(RANK, row_number().over(latestFirst))
        .withColumn(KEY_EVENT_COUNT, count(counted).over(allOfKey))
        .where(col(RANK).equalTo(1))
        .drop(RANK, ISOLATION);
  }

  /** True for an event whose commit timestamp is missing or did not parse. */
  public static Column unparseableCommitTimestamp() {
    return col(EventColumns.COMMIT_TIMESTAMP).isNull();
  }

  /**
   * True for keys whose latest event is not a delete, and not a change from before the table's full
   * load (a key the full load does not hold was deleted before it): the current state.
   */
  public static Column isCurrent() {
    return not(col(EventColumns.OP).eqNullSafe("D")).and(not(col(EventColumns.BEFORE_FULL_LOAD)));
  }
}
