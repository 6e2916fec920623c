package dev.dmssilver.incremental;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.lakehouse.ViewStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The MERGE statements that update state tables; each is one Iceberg commit. */
final class StateMerge {
  private StateMerge() {}

  /** State tables are rewritten a little at a time: deletes and updates merge on read. */
  static Map<String, String> tableProperties() {
    Map<String, String> properties = new LinkedHashMap<>(SilverTables.tableProperties());
    // State commits are never staged: they publish as they commit.
    properties.remove(org.apache.iceberg.TableProperties.WRITE_AUDIT_PUBLISH_ENABLED);
    properties.put("write.delete.mode", "merge-on-read");
    properties.put("write.update.mode", "merge-on-read");
    properties.put("write.merge.mode", "merge-on-read");
    return properties;
  }

  /** Replaces the rows of the changed keys; new keys are added. */
  static void replaceKeys(
      SparkSession spark, String target, SourceChanges changes, Map<String, String> snapshot) {
    merge(
        spark,
        target,
        changes,
        "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
        snapshot);
  }

  /**
   * Like {@link #replaceKeys}, but a row is only ever replaced by a later event, so a run that lost
   * a race can never take an entity's state back.
   */
  static void newerOnly(
      SparkSession spark, String target, SourceChanges changes, Map<String, String> snapshot) {
    merge(
        spark,
        target,
        changes,
        "WHEN MATCHED AND "
            + order("s")
            + " > "
            + order("t")
            + " THEN UPDATE SET *"
            + " WHEN NOT MATCHED THEN INSERT *",
        snapshot);
  }

  /** Adds files not recorded yet. */
  static void newFiles(
      SparkSession spark, String target, Dataset<Row> files, Map<String, String> snapshot) {
    mergeFrom(
        spark,
        files,
        target,
        "t.source = s.source AND t.path = s.path WHEN NOT MATCHED THEN INSERT *",
        snapshot);
  }

  private static void merge(
      SparkSession spark,
      String target,
      SourceChanges changes,
      String clauses,
      Map<String, String> snapshot) {
    mergeFrom(
        spark,
        changes.rows,
        target,
        sameRow(changes.key) + " AND " + changes.range.sqlCondition("t") + " " + clauses,
        snapshot);
  }

  /** One MERGE of {@code rows} (as {@code s}) into {@code target} (as {@code t}). */
  private static void mergeFrom(
      SparkSession spark,
      Dataset<Row> rows,
      String target,
      String onAndClauses,
      Map<String, String> snapshot) {
    ViewStatement.run(
        spark,
        rows,
        snapshot,
        view -> "MERGE INTO " + target + " t USING " + view + " s ON " + onAndClauses);
  }

  /**
   * The same key; or, for an event with a NULL key (which stands alone, as in the full rebuild),
   * the same event: file, split and position. Null-safe equality keeps it an equi-join, so Spark
   * can hash or sort the two sides instead of comparing every pair.
   */
  static String sameRow(List<String> key) {
    List<String> equal = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (String column : key) {
      equal.add("s.`" + column + "` <=> t.`" + column + "`");
      present.add("s.`" + column + "` IS NOT NULL");
    }
    String sameEvent =
        String.format(
            "s.%1$s = t.%1$s AND s.%2$s = t.%2$s AND s.%3$s = t.%3$s",
            EventColumns.FILE, EventColumns.BLOCK_START, EventColumns.POSITION);
    return String.join(" AND ", equal)
        + " AND (("
        + String.join(" AND ", present)
        + ") OR ("
        + sameEvent
        + "))";
  }

  /** The full rebuild's order of events, as one comparable struct. */
  private static String order(String alias) {
    return String.format(
        "struct(%1$s.%2$s, %1$s.%3$s, %1$s.%4$s, %1$s.%5$s, %1$s.%6$s, %1$s.%7$s)",
        alias,
        EventColumns.COMMIT_TIMESTAMP,
        EventColumns.CHANGE_SEQUENCE,
        EventColumns.FROM_CDC,
        EventColumns.FILE,
        EventColumns.BLOCK_START,
        EventColumns.POSITION);
  }
}
