package dev.dmssilver.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.quality.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The columns of a state row: the entity's own, the event's place in the order, the outcome. */
final class StateColumns {
  /** How the key last came out: {@code valid}, {@code quarantined} or {@code deleted}. */
  static final String OUTCOME = "_state_outcome";

  static final String VALID = "valid";
  static final String QUARANTINED = "quarantined";
  static final String DELETED = "deleted";

  /** What the full rebuild's order and current-state test need of an event. */
  static final List<String> EVENT =
      Arrays.asList(
          EventColumns.OP,
          EventColumns.COMMIT_TIMESTAMP,
          EventColumns.CHANGE_SEQUENCE,
          EventColumns.FROM_CDC,
          EventColumns.BEFORE_FULL_LOAD,
          EventColumns.FILE,
          EventColumns.BLOCK_START,
          EventColumns.POSITION);

  private StateColumns() {}

  /** A source entity's latest events as state rows. */
  static Dataset<Row> ofSource(Dataset<Row> latest, Contract contract) {
    return latest.select(columns(contract).toArray(new Column[0]));
  }

  /** The job's own validated latest events as state rows, with their outcome. */
  static Dataset<Row> ofOwn(Dataset<Row> checked, Contract contract) {
    List<Column> columns = columns(contract);
    columns.add(outcome().as(OUTCOME));
    return checked.select(columns.toArray(new Column[0]));
  }

  /** State rows as events again, to resolve against new ones. */
  static Dataset<Row> asEvents(Dataset<Row> state) {
    Dataset<Row> events =
        state.withColumn(EventColumns.COMMIT_TIMESTAMP_TEXT, lit(null).cast("string"));
    return Arrays.asList(state.columns()).contains(OUTCOME) ? events.drop(OUTCOME) : events;
  }

  static Column outcome() {
    return when(not(LatestEvent.isCurrent()), lit(DELETED))
        .when(Validation.isValid(), lit(VALID))
        .otherwise(lit(QUARANTINED));
  }

  private static List<Column> columns(Contract contract) {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : contract.columns()) {
      columns.add(col(column.name()));
    }
    for (String event : EVENT) {
      columns.add(col(event));
    }
    return columns;
  }
}
