package dev.dmssilver.incremental;

import static dev.dmssilver.ColumnNames.columns;
import static org.apache.spark.sql.functions.col;

import dev.dmssilver.lakehouse.SilverTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.ReplaceSortOrder;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * How a state table lies on disk, so that a run reads only the part near the keys it changes:
 *
 * <ul>
 *   <li>sorted by key, in files of a few megabytes, so each file holds a narrow range of keys and a
 *       {@link KeyRange} filter skips the rest by their column statistics;
 *   <li>the job's own table partitioned by outcome, so the rows quarantined before (decided again
 *       on every run) are read without the valid rows and the tombstones.
 * </ul>
 *
 * The sort order is the table's own, so MERGEs and compaction keep it.
 */
final class StateLayout {
  /** Small files keep each file's key range narrow; compaction keeps the same size. */
  static final long TARGET_FILE_BYTES = 8L * 1024 * 1024;

  private StateLayout() {}

  /** Creates or replaces {@code table} with {@code rows}, laid out by {@code key}. */
  static void write(
      SilverTables tables,
      String table,
      String qualified,
      Dataset<Row> rows,
      List<String> key,
      Map<String, String> snapshot) {
    boolean byOutcome = Arrays.asList(rows.columns()).contains(StateColumns.OUTCOME);
    List<Column> order = new ArrayList<>();
    if (byOutcome) {
      order.add(col(StateColumns.OUTCOME));
    }
    for (String column : key) {
      order.add(col(column));
    }
    Dataset<Row> laidOut =
        key.isEmpty()
            ? rows
            : rows.repartitionByRange(columns(key))
                .sortWithinPartitions(order.toArray(new Column[0]));
    DataFrameWriterV2<Row> writer = laidOut.writeTo(qualified);
    for (Map.Entry<String, String> property : snapshot.entrySet()) {
      writer = writer.option("snapshot-property." + property.getKey(), property.getValue());
    }
    CreateTableWriter<Row> creating = writer.using("iceberg");
    if (byOutcome) {
      creating =
          creating.partitionedBy(
              col(StateColumns.OUTCOME),
              JavaConverters.asScalaBuffer(Collections.<Column>emptyList()).toSeq());
    }
    for (Map.Entry<String, String> property : StateMerge.tableProperties().entrySet()) {
      creating = creating.tableProperty(property.getKey(), property.getValue());
    }
    creating
        .tableProperty("write.target-file-size-bytes", Long.toString(TARGET_FILE_BYTES))
        // A read splits by file, not by 128 MB: every core reads a share of the state.
        .tableProperty("read.split.target-size", Long.toString(TARGET_FILE_BYTES))
        .createOrReplace();
    if (!key.isEmpty()) {
      Table written = tables.require(table, "lay out");
      ReplaceSortOrder sorted = written.replaceSortOrder();
      for (String column : key) {
        sorted = sorted.asc(column);
      }
      sorted.commit();
    }
  }
}
