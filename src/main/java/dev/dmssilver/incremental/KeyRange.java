package dev.dmssilver.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.contract.Enrichment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a few rows' values of some columns lie: one box (each column's lowest and highest value),
 * or for a single numeric column a few intervals cut at the widest gaps, so that one old key among
 * many new ones does not stretch the box over the whole table. As a filter on a large table it lets
 * Iceberg skip every data file whose column statistics lie outside, so an incremental run reads the
 * part of its state (and of Silver) near the keys it changes, not all of it. It only narrows a
 * read: every join and MERGE still matches on the exact key, so a range that is wide (keys spread
 * everywhere) costs time, never correctness.
 */
public final class KeyRange {
  /** At most this many intervals: each is one more predicate Iceberg tests per file. */
  static final int MAX_INTERVALS = 16;

  /** Above this many distinct values the intervals are not worth collecting: one box. */
  private static final int MAX_VALUES_FOR_INTERVALS = 1_000_000;

  private final long rows;
  private final List<String> columns;
  private final List<Object[][]> boxes;

  private KeyRange(long rows, List<String> columns, List<Object[][]> boxes) {
    this.rows = rows;
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.boxes = Collections.unmodifiableList(boxes);
  }

  /**
   * The range of {@code rows}' values of {@code columns}: one small Spark job (two for a single key
   * column with more than {@link #MAX_VALUES_FOR_INTERVALS} values, or not numeric).
   */
  public static KeyRange of(Dataset<Row> rows, List<String> columns) {
    return ofEach(rows, columns, Collections.singletonList(lit(true))).get(0);
  }

  /**
   * The range of each subset of {@code rows} (the rows where that condition holds), in the same
   * order, all drawn in one pass: for a single numeric key column each value's row count in every
   * subset, else every subset's box.
   */
  public static List<KeyRange> ofEach(
      Dataset<Row> rows, List<String> columns, List<Column> subsets) {
    if (columns.size() == 1 && Gaps.measurable(rows.schema().apply(columns.get(0)).dataType())) {
      Column column = col(columns.get(0));
      List<Column> counts = new ArrayList<>();
      for (Column subset : subsets) {
        counts.add(count(when(subset, 1)));
      }
      // Each value with its row count in every subset (NULL too): intervals and totals in one pass.
      List<Row> counted =
          rows.groupBy(column)
              .agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0]))
              .limit(MAX_VALUES_FOR_INTERVALS + 1)
              .collectAsList();
      if (counted.size() <= MAX_VALUES_FOR_INTERVALS) {
        List<KeyRange> ranges = new ArrayList<>();
        for (int subset = 0; subset < subsets.size(); subset++) {
          ranges.add(intervals(counted, subset + 1, columns));
        }
        return ranges;
      }
    }
    return boxes(rows, columns, subsets);
  }

  /** The intervals around the values (column 0) whose count (column {@code countAt}) is not 0. */
  private static KeyRange intervals(List<Row> counted, int countAt, List<String> columns) {
    long total = 0;
    List<Object> values = new ArrayList<>();
    for (Row value : counted) {
      long rows = value.getLong(countAt);
      total += rows;
      if (rows > 0 && !value.isNullAt(0)) {
        values.add(value.get(0));
      }
    }
    List<Object[][]> boxes = new ArrayList<>();
    for (Object[] interval : Gaps.intervals(values, MAX_INTERVALS)) {
      boxes.add(new Object[][] {interval});
    }
    return new KeyRange(total, columns, boxes);
  }

  /** One box for each subset: each column's lowest and highest value among its rows. */
  private static List<KeyRange> boxes(
      Dataset<Row> rows, List<String> columns, List<Column> subsets) {
    List<Column> aggregates = new ArrayList<>();
    for (Column subset : subsets) {
      aggregates.add(count(when(subset, 1)));
      for (String column : columns) {
        aggregates.add(min(when(subset, col(column))));
        aggregates.add(max(when(subset, col(column))));
      }
    }
    Row row =
        rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
            .first();
    List<KeyRange> ranges = new ArrayList<>();
    int at = 0;
    for (int subset = 0; subset < subsets.size(); subset++) {
      long total = row.getLong(at++);
      Object[][] box = new Object[columns.size()][];
      boolean empty = false;
      for (int i = 0; i < columns.size(); i++) {
        box[i] = new Object[] {row.get(at++), row.get(at++)};
        empty |= box[i][0] == null;
      }
      List<Object[][]> boxes = new ArrayList<>();
      if (!empty) {
        boxes.add(box);
      }
      ranges.add(new KeyRange(total, columns, boxes));
    }
    return ranges;
  }

  /**
   * The range of the values {@code parentRows} are looked up by through {@code enrichment}, in the
   * names of the columns the job looks them up with.
   */
  public static KeyRange lookedUpBy(Dataset<Row> parentRows, Enrichment enrichment) {
    Map<String, String> mine = new LinkedHashMap<>();
    for (Map.Entry<String, String> pair : enrichment.on().entrySet()) {
      mine.put(pair.getValue(), pair.getKey());
    }
    return of(parentRows, new ArrayList<>(mine.keySet())).renamed(mine);
  }

  /** The same range over other column names: {@code renamed} maps each column to its new name. */
  KeyRange renamed(Map<String, String> renamed) {
    List<String> names = new ArrayList<>();
    for (String column : columns) {
      names.add(renamed.getOrDefault(column, column));
    }
    return new KeyRange(rows, names, boxes);
  }

  /** How many rows the range was drawn around. */
  public long rows() {
    return rows;
  }

  /**
   * Rows inside the range. A NULL value is outside it: a NULL key never equals another, so such
   * rows can never be the match the filter narrows the search for.
   */
  public Column filter() {
    Column inside = lit(false);
    for (Object[][] box : boxes) {
      Column inBox = lit(true);
      for (int i = 0; i < columns.size(); i++) {
        inBox = inBox.and(col(columns.get(i)).between(lit(box[i][0]), lit(box[i][1])));
      }
      inside = inside.or(inBox);
    }
    return inside;
  }

  /**
   * The range as a SQL condition on table {@code alias}, for the ON clause of a MERGE. A row with a
   * NULL key column stays inside it: a MERGE of state rows matches an event with a NULL key by its
   * place in Bronze.
   */
  public String sqlCondition(String alias) {
    List<String> inside = new ArrayList<>();
    for (String column : columns) {
      inside.add(quoted(alias, column) + " IS NULL");
    }
    for (Object[][] box : boxes) {
      List<String> inBox = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        inBox.add(
            String.format(
                "%s BETWEEN %s AND %s",
                quoted(alias, columns.get(i)), sql(box[i][0]), sql(box[i][1])));
      }
      inside.add("(" + String.join(" AND ", inBox) + ")");
    }
    return inside.isEmpty() ? "true" : "(" + String.join(" OR ", inside) + ")";
  }

  private static String quoted(String alias, String column) {
    return alias + ".`" + column.replace("`", "``") + "`";
  }

  /** A value as a typed SQL literal, written by Spark itself (quoting, timestamps, decimals). */
  private static String sql(Object value) {
    return lit(value).expr().sql();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.format("%,d rows", rows));
    for (Object[][] box : boxes) {
      text.append(boxes.size() > 1 && box != boxes.get(0) ? "; " : ", ");
      for (int i = 0; i < columns.size(); i++) {
        text.append(i == 0 ? "" : ", ")
            .append(String.format("%s %s..%s", columns.get(i), box[i][0], box[i][1]));
      }
    }
    return text.toString();
  }
}
