package dev.dmssilver.enrich;

import static org.apache.spark.sql.functions.expr;

import dev.dmssilver.contract.DerivedColumn;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Adds the contract's derived columns, each cast to its declared type. */
public final class DerivedColumns {
  private DerivedColumns() {}

  public static Dataset<Row> apply(Dataset<Row> rows, List<DerivedColumn> derived) {
    Dataset<Row> result = rows;
    for (DerivedColumn column : derived) {
      result =
          result.withColumn(
              column.name(), expr(column.expression()).cast(column.column().type().sparkType()));
    }
    return result;
  }
}
