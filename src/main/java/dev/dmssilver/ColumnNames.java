package dev.dmssilver;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Column names (identifiers the contracts checked) in the two shapes Spark's Java API takes: the
 * columns to select or sort by, and the {@code USING} list of a join.
 */
public final class ColumnNames {
  private ColumnNames() {}

  public static Column[] columns(List<String> names) {
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(col(name));
    }
    return columns.toArray(new Column[0]);
  }

  public static Seq<String> seq(List<String> names) {
    return JavaConverters.asScalaBuffer(names).toSeq();
  }
}
