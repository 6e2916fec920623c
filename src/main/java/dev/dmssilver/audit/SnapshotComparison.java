package dev.dmssilver.audit;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.dmssilver.contract.Contracts;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.quality.QuarantineColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Two snapshots of one table compared key by key ({@link SnapshotDiff}): every key that differs as
 * a tab-separated line, in key order, then a one-line summary of the counts.
 */
public final class SnapshotComparison {
  private final SparkSession spark;
  private final String table;
  private final String qualifiedName;
  private final List<String> keys;

  /**
   * @param table the table's own name ({@code fact_orders}, {@code quarantine})
   * @param qualifiedName its name in Spark SQL
   * @param keys its key columns ({@link #keysOf})
   */
  public SnapshotComparison(
      SparkSession spark, String table, String qualifiedName, List<String> keys) {
    this.spark = requireNonNull(spark, "spark is null");
    this.table = requireNonNull(table, "table is null");
    this.qualifiedName = requireNonNull(qualifiedName, "qualifiedName is null");
    this.keys = requireNonNull(keys, "keys is null");
  }

  /** The key of a Silver table (from its contract) or of the quarantine table. */
  public static List<String> keysOf(String table, Contracts contracts) {
    return table.equals(QuarantineTable.NAME) ? QuarantineColumns.KEY : contracts.get(table).key();
  }

  /**
   * Gives {@code differing} one line per key that differs: {@code change<TAB>key}, plus {@code
   * <TAB>column: old -> new, ...} for a changed key when {@code withColumns}. Returns the summary.
   */
  public String compare(
      Snapshot older, Snapshot newer, boolean withColumns, Consumer<String> differing) {
    Dataset<Row> before = versionOf(older);
    Dataset<Row> after = versionOf(newer);
    SnapshotDiff diff = SnapshotDiff.of(keys, before.columns(), after.columns());
    Dataset<Row> compared = diff.compare(before, after).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> counts = new TreeMap<>();
      for (Row row : compared.groupBy(SnapshotDiff.CHANGE).count().collectAsList()) {
        counts.put(row.getString(0), row.getLong(1));
      }
      Iterator<Row> rows = differingRows(compared);
      while (rows.hasNext()) {
        Row row = rows.next();
        String line = row.getString(0) + "\t" + oneLine(row.getString(1));
        if (withColumns && SnapshotDiff.CHANGED.equals(row.getString(0))) {
          line += "\t" + oneLine(row.getString(2));
        }
        differing.accept(line);
      }
      return summary(older, newer, counts, diff);
    } finally {
      compared.unpersist();
    }
  }

  private Dataset<Row> versionOf(Snapshot snapshot) {
    return spark.sql("SELECT * FROM " + qualifiedName + " VERSION AS OF " + snapshot.snapshotId());
  }

  private Iterator<Row> differingRows(Dataset<Row> compared) {
    List<Column> order = new ArrayList<>();
    for (String key : keys) {
      order.add(col(key));
    }
    order.add(col(SnapshotDiff.CHANGE));
    return compared
        .where(col(SnapshotDiff.CHANGE).notEqual(SnapshotDiff.UNCHANGED))
        .orderBy(order.toArray(new Column[0]))
        .select(SnapshotDiff.CHANGE, SnapshotDiff.KEY, SnapshotDiff.CHANGES)
        .toLocalIterator();
  }

  private String summary(
      Snapshot older, Snapshot newer, Map<String, Long> counts, SnapshotDiff diff) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "Compared %s snapshot %d (%s) with snapshot %d (%s): %,d added, %,d removed,"
                    + " %,d changed, %,d unchanged",
                table,
                older.snapshotId(),
                Instant.ofEpochMilli(older.timestampMillis()),
                newer.snapshotId(),
                Instant.ofEpochMilli(newer.timestampMillis()),
                counts.getOrDefault(SnapshotDiff.ADDED, 0L),
                counts.getOrDefault(SnapshotDiff.REMOVED, 0L),
                counts.getOrDefault(SnapshotDiff.CHANGED, 0L),
                counts.getOrDefault(SnapshotDiff.UNCHANGED, 0L)));
    if (!diff.columnsOnlyInTo().isEmpty()) {
      text.append("; columns added since, not compared: ").append(diff.columnsOnlyInTo());
    }
    if (!diff.columnsOnlyInFrom().isEmpty()) {
      text.append("; columns dropped since, not compared: ").append(diff.columnsOnlyInFrom());
    }
    return text.append('.').toString();
  }

  /** Tabs and line breaks escaped, so that one key is one line. */
  private static String oneLine(String text) {
    return text.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
