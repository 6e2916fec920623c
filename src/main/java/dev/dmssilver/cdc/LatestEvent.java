package dev.dmssilver.cdc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.bronze.EventColumns;
import java.util.ArrayList;
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
 * apart. Per-key aggregates ride along in the same window, so counting events and spotting
 * unparseable timestamps costs no extra pass.
 */
public final class LatestEvent {
  /** How many events the key had; summed over keys it must equal the events read. */
  public static final String KEY_EVENT_COUNT = "_key_event_count";

  /** How many of the key's events had a commit timestamp that did not parse. */
  public static final String KEY_UNPARSEABLE_COMMIT_TIMESTAMPS = "_key_unparseable_timestamps";

  /** One such event, as "file: text", for the error message. */
  public static final String KEY_UNPARSEABLE_EXAMPLE = "_key_unparseable_example";

  private static final String RANK = "_event_rank";
  private static final String NULL_KEY_ISOLATION = "_event_null_key_isolation";

  private LatestEvent() {}

  public static Dataset<Row> resolve(Dataset<Row> events, List<String> keyColumns) {
    Column anyKeyNull = null;
    for (String key : keyColumns) {
      anyKeyNull = anyKeyNull == null ? col(key).isNull() : anyKeyNull.or(col(key).isNull());
    }
    // An event with a NULL key cannot be matched to any other: each one stands alone, so every
    // such event reaches quarantine instead of all but one vanishing.
    Column isolation =
        when(
            anyKeyNull,
            struct(
                col(EventColumns.FILE), col(EventColumns.BLOCK_START), col(EventColumns.POSITION)));

    List<Column> partition = new ArrayList<>();
    for (String key : keyColumns) {
      partition.add(col(key));
    }
    partition.add(col(NULL_KEY_ISOLATION));
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
    Column unparseable = col(EventColumns.COMMIT_TIMESTAMP).isNull();

    return events
        .withColumn(NULL_KEY_ISOLATION, isolation)
        .withColumn(RANK, row_number().over(latestFirst))
        .withColumn(KEY_EVENT_COUNT, count(lit(1)).over(allOfKey))
        .withColumn(KEY_UNPARSEABLE_COMMIT_TIMESTAMPS, count(when(unparseable, 1)).over(allOfKey))
        .withColumn(
            KEY_UNPARSEABLE_EXAMPLE,
            min(when(
                    unparseable,
                    concat_ws(
                        ": ", col(EventColumns.FILE), col(EventColumns.COMMIT_TIMESTAMP_TEXT))))
                .over(allOfKey))
        .where(col(RANK).equalTo(1))
        .drop(RANK, NULL_KEY_ISOLATION);
  }

  /** True for keys whose latest event is not a delete: the current state. */
  public static Column isCurrent() {
    return not(col(EventColumns.OP).eqNullSafe("D"));
  }
}
