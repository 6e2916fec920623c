package dev.dmssilver.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The smallest box that holds a few rows' values of some columns (each column's lowest and highest
 * value). As a filter on a large table it lets Iceberg skip every data file whose column statistics
 * lie outside the box, so an incremental run reads the part of its state (and of Silver) near the
 * keys it changes, not all of it. It only narrows a read: every join and MERGE still matches on the
 * exact key, so a box that is wide (keys spread everywhere) costs time, never correctness.
 */
public final class KeyRange {
  private final long rows;
  private final Map<String, Object[]> bounds;

  private KeyRange(long rows, Map<String, Object[]> bounds) {
    this.rows = rows;
    this.bounds = Collections.unmodifiableMap(bounds);
  }

  /** The box around {@code rows}' values of {@code columns}: one small aggregation. */
  public static KeyRange of(Dataset<Row> rows, List<String> columns) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (String column : columns) {
      aggregates.add(min(col(column)));
      aggregates.add(max(col(column)));
    }
    Row row =
        rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
            .first();
    Map<String, Object[]> bounds = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      bounds.put(columns.get(i), new Object[] {row.get(1 + 2 * i), row.get(2 + 2 * i)});
    }
    return new KeyRange(row.getLong(0), bounds);
  }

  /** How many rows the box was drawn around. */
  public long rows() {
    return rows;
  }

  /** The same box over other column names: {@code renamed} maps each column to its new name. */
  public KeyRange renamed(Map<String, String> renamed) {
    Map<String, Object[]> moved = new LinkedHashMap<>();
    for (Map.Entry<String, Object[]> bound : bounds.entrySet()) {
      moved.put(renamed.getOrDefault(bound.getKey(), bound.getKey()), bound.getValue());
    }
    return new KeyRange(rows, moved);
  }

  /**
   * Rows inside the box. A NULL value is outside it: a NULL key never equals another, so such rows
   * can never be the match the filter narrows the search for.
   */
  public Column filter() {
    Column inside = lit(true);
    for (Map.Entry<String, Object[]> bound : bounds.entrySet()) {
      Object low = bound.getValue()[0];
      Object high = bound.getValue()[1];
      if (low == null || high == null) {
        return lit(false);
      }
      inside = inside.and(col(bound.getKey()).between(lit(low), lit(high)));
    }
    return inside;
  }

  /**
   * The box as a SQL condition on table {@code alias}, for the ON clause of a MERGE. NULL values
   * stay inside it: a MERGE of state rows matches an event with a NULL key by its place in Bronze.
   */
  public String sqlCondition(String alias) {
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, Object[]> bound : bounds.entrySet()) {
      String column = alias + ".`" + bound.getKey().replace("`", "``") + "`";
      Object low = bound.getValue()[0];
      Object high = bound.getValue()[1];
      String inside =
          low == null || high == null
              ? "false"
              : String.format("%s BETWEEN %s AND %s", column, sql(low), sql(high));
      conditions.add(String.format("(%s IS NULL OR %s)", column, inside));
    }
    return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
  }

  /** A value as a typed SQL literal, written by Spark itself (quoting, timestamps, decimals). */
  private static String sql(Object value) {
    return lit(value).expr().sql();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(rows + " rows");
    for (Map.Entry<String, Object[]> bound : bounds.entrySet()) {
      text.append(
          String.format(", %s %s..%s", bound.getKey(), bound.getValue()[0], bound.getValue()[1]));
    }
    return text.toString();
  }
}
