package dev.dmssilver.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Turns quarantined rows into rows of the shared quarantine table. */
public final class QuarantineRecords {
  /** How a NULL key part is written in {@code record_key}. */
  public static final String NULL_KEY_PART = "<null>";

  private QuarantineRecords() {}

  public static Dataset<Row> of(
      Dataset<Row> quarantined, Contract contract, String runId, Instant quarantinedAt) {
    List<Column> keyParts = new ArrayList<>();
    for (String key : contract.key()) {
      keyParts.add(coalesce(col(key).cast(DataTypes.StringType), lit(NULL_KEY_PART)));
    }
    List<Column> silverColumns = new ArrayList<>();
    for (ColumnSpec column : contract.silverColumns()) {
      silverColumns.add(col(column.name()));
    }
    return quarantined.select(
        lit(contract.table()).as(QuarantineColumns.TABLE_NAME),
        concat_ws("|", keyParts.toArray(new Column[0])).as(QuarantineColumns.RECORD_KEY),
        col(Validation.REASONS).as(QuarantineColumns.REASONS),
        to_json(struct(silverColumns.toArray(new Column[0]))).as(QuarantineColumns.RECORD),
        col(EventColumns.OP).as(QuarantineColumns.SOURCE_OP),
        col(EventColumns.COMMIT_TIMESTAMP).as(QuarantineColumns.SOURCE_COMMIT_TIMESTAMP),
        col(EventColumns.FILE).as(QuarantineColumns.SOURCE_FILE),
        lit(runId).as(QuarantineColumns.RUN_ID),
        RunConstant.timestamp(quarantinedAt).as(QuarantineColumns.QUARANTINED_AT));
  }
}
