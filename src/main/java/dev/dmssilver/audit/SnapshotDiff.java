package dev.dmssilver.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Two states of a table compared by business key, with a full outer join in Spark (no collect):
 * each key is {@code added}, {@code removed}, {@code changed} (a non-key column differs, NULLs
 * compared as values) or {@code unchanged}. Columns only one side has (a column added between the
 * snapshots) are listed but not compared.
 */
public final class SnapshotDiff {
  public static final String CHANGE = "change";
  public static final String KEY = "key";
  public static final String CHANGES = "changes";

  public static final String ADDED = "added";
  public static final String REMOVED = "removed";
  public static final String CHANGED = "changed";
  public static final String UNCHANGED = "unchanged";

  private static final String FROM = "f";
  private static final String TO = "t";
  private static final String IN_FROM = "_in_from";
  private static final String IN_TO = "_in_to";

  private final List<String> keys;
  private final List<String> compared;
  private final List<String> onlyInFrom;
  private final List<String> onlyInTo;

  private SnapshotDiff(
      List<String> keys, List<String> compared, List<String> onlyInFrom, List<String> onlyInTo) {
    this.keys = keys;
    this.compared = compared;
    this.onlyInFrom = onlyInFrom;
    this.onlyInTo = onlyInTo;
  }

  public static SnapshotDiff of(List<String> keys, String[] fromColumns, String[] toColumns) {
    Set<String> from = new LinkedHashSet<>(Arrays.asList(fromColumns));
    Set<String> to = new LinkedHashSet<>(Arrays.asList(toColumns));
    List<String> compared = new ArrayList<>();
    List<String> onlyInTo = new ArrayList<>();
    for (String column : to) {
      if (keys.contains(column)) {
        continue;
      }
      if (from.contains(column)) {
        compared.add(column);
      } else {
        onlyInTo.add(column);
      }
    }
    List<String> onlyInFrom = new ArrayList<>(from);
    onlyInFrom.removeAll(to);
    return new SnapshotDiff(
        Collections.unmodifiableList(new ArrayList<>(keys)),
        Collections.unmodifiableList(compared),
        Collections.unmodifiableList(onlyInFrom),
        Collections.unmodifiableList(onlyInTo));
  }

  public List<String> comparedColumns() {
    return compared;
  }

  public List<String> columnsOnlyInFrom() {
    return onlyInFrom;
  }

  public List<String> columnsOnlyInTo() {
    return onlyInTo;
  }

  /**
   * One row per key of either side: {@link #CHANGE}, {@link #KEY} (key columns as text, joined with
   * {@code |}), {@link #CHANGES} ({@code column: old -> new; ...} for changed keys), and the key
   * columns themselves for ordering.
   */
  public Dataset<Row> compare(Dataset<Row> from, Dataset<Row> to) {
    Dataset<Row> left = from.withColumn(IN_FROM, lit(true)).alias(FROM);
    Dataset<Row> right = to.withColumn(IN_TO, lit(true)).alias(TO);
    Column sameKey = null;
    for (String key : keys) {
      Column equal = side(FROM, key).eqNullSafe(side(TO, key));
      sameKey = sameKey == null ? equal : sameKey.and(equal);
    }
    Column anyDifference = lit(false);
    List<Column> descriptions = new ArrayList<>();
    for (String column : compared) {
      Column differs = side(FROM, column).eqNullSafe(side(TO, column)).unary_$bang();
      anyDifference = anyDifference.or(differs);
      descriptions.add(
          when(
              differs,
              concat(
                  lit(column + ": "),
                  text(side(FROM, column)),
                  lit(" -> "),
                  text(side(TO, column)))));
    }
    Column inFrom = col(FROM + "." + IN_FROM).isNotNull();
    Column inTo = col(TO + "." + IN_TO).isNotNull();
    Column change =
        when(inFrom.and(inTo.unary_$bang()), lit(REMOVED))
            .when(inTo.and(inFrom.unary_$bang()), lit(ADDED))
            .when(anyDifference, lit(CHANGED))
            .otherwise(lit(UNCHANGED));

    return left.join(right, sameKey, "full_outer")
        .select(output(change, descriptions).toArray(new Column[0]));
  }

  /** The change, the key as text, the changed columns' descriptions, and the key columns. */
  private List<Column> output(Column change, List<Column> descriptions) {
    List<Column> output = new ArrayList<>();
    output.add(change.as(CHANGE));
    List<Column> keyText = new ArrayList<>();
    for (String key : keys) {
      keyText.add(text(coalesce(side(TO, key), side(FROM, key))));
    }
    output.add(concat_ws("|", keyText.toArray(new Column[0])).as(KEY));
    output.add(
        descriptions.isEmpty()
            ? lit("").as(CHANGES)
            : concat_ws("; ", descriptions.toArray(new Column[0])).as(CHANGES));
    for (String key : keys) {
      output.add(coalesce(side(TO, key), side(FROM, key)).as(key));
    }
    return output;
  }

  private static Column side(String alias, String column) {
    return col(alias + ".`" + column.replace("`", "``") + "`");
  }

  private static Column text(Column value) {
    return coalesce(value.cast(DataTypes.StringType), lit("NULL"));
  }
}
