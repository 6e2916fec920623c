package dev.dmssilver.incremental;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.TimestampType;

/** Cuts sorted values into a few intervals at their widest gaps. */
final class Gaps {
  private Gaps() {}

  /** Whether the distance between two values of this Spark type can be measured. */
  static boolean measurable(DataType type) {
    return type instanceof NumericType || type instanceof TimestampType || type instanceof DateType;
  }

  /**
   * The values, sorted, cut at the {@code max - 1} widest gaps between neighbours: at most {@code
   * max} intervals, lowest first, each as {low, high}, that together hold every value.
   */
  static List<Object[]> intervals(List<Object> values, int max) {
    if (values.isEmpty()) {
      return Collections.emptyList();
    }
    List<Object> sorted = new ArrayList<>(values);
    // The values' own order (exact); the gaps' widths need only be roughly right.
    sorted.sort(Gaps::compare);
    Integer[] gaps = new Integer[sorted.size() - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = i;
    }
    // Widest first; gap i lies between value i and value i + 1.
    Arrays.sort(
        gaps,
        (a, b) ->
            Double.compare(
                position(sorted.get(b + 1)) - position(sorted.get(b)),
                position(sorted.get(a + 1)) - position(sorted.get(a))));
    int cuts = Math.min(max - 1, gaps.length);
    Integer[] cutAfter = Arrays.copyOf(gaps, cuts);
    Arrays.sort(cutAfter);
    List<Object[]> intervals = new ArrayList<>();
    int start = 0;
    for (int cut : cutAfter) {
      intervals.add(new Object[] {sorted.get(start), sorted.get(cut)});
      start = cut + 1;
    }
    intervals.add(new Object[] {sorted.get(start), sorted.get(sorted.size() - 1)});
    return intervals;
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static double position(Object value) {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).doubleValue();
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Timestamp) {
      return ((Timestamp) value).getTime();
    }
    return ((Date) value).getTime();
  }
}
