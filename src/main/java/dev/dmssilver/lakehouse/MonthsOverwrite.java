package dev.dmssilver.lakehouse;

import static dev.dmssilver.ColumnNames.columns;
import static dev.dmssilver.ColumnNames.seq;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The alternative to {@link SilverMerge}'s MERGE that the benchmark measures: every month the
 * changes touch (the months of the upserted rows, and of the rows they replace or delete) is
 * replaced by its unchanged rows plus the upserts, in one overwrite by filter. Only for a table
 * partitioned by {@code months(column)} alone, so that each month is whole partitions.
 */
final class MonthsOverwrite {
  private final String column;
  private final boolean dateColumn;

  private MonthsOverwrite(String column, boolean dateColumn) {
    this.column = column;
    this.dateColumn = dateColumn;
  }

  /** How to overwrite {@code table} by month; empty unless it is partitioned by months alone. */
  static Optional<MonthsOverwrite> of(Table table) {
    PartitionSpec spec = table.spec();
    if (spec.fields().size() != 1) {
      return Optional.empty();
    }
    PartitionField field = spec.fields().get(0);
    if (!"month".equals(field.transform().toString())) {
      return Optional.empty();
    }
    Type type = table.schema().findType(field.sourceId());
    return Optional.of(
        new MonthsOverwrite(
            table.schema().findColumnName(field.sourceId()), type.typeId() == Type.TypeID.DATE));
  }

  /** Writes {@code changes} to {@code target} (a table or its branch) with {@code options}. */
  void write(
      SparkSession spark,
      String target,
      SilverMerge.Changes changes,
      List<String> key,
      List<String> silverColumns,
      Map<String, String> options) {
    Dataset<Row> current = spark.table(target);
    Dataset<Row> changedKeys = changes.rows.select(columns(key));
    Dataset<Row> upserts = changes.rows.where(col(SilverMerge.CHANGE).equalTo(SilverMerge.UPSERT));
    Dataset<Row> replaced =
        current
            .alias("t")
            .where(expr(changes.targetCondition))
            .join(changedKeys, seq(key), "left_semi");
    Column touched = touchedMonths(replaced.select(column).union(upserts.select(column)));
    Dataset<Row> kept =
        current
            .where(touched)
            .join(changedKeys, seq(key), "left_anti")
            .select(columns(silverColumns));
    Publisher.overwrite(
        target, kept.unionByName(upserts.select(columns(silverColumns))), options, touched);
  }

  /** A filter that matches whole months: each distinct month of {@code values}, null included. */
  private Column touchedMonths(Dataset<Row> values) {
    String month = dateColumn ? "trunc(`%s`, 'MM')" : "date_trunc('MONTH', `%s`)";
    Column touched = lit(false);
    for (Row row : values.select(expr(String.format(month, column))).distinct().collectAsList()) {
      Column c = col(column);
      if (row.isNullAt(0)) {
        touched = touched.or(c.isNull());
      } else if (dateColumn) {
        LocalDate start = row.getDate(0).toLocalDate();
        touched =
            touched.or(
                c.geq(lit(java.sql.Date.valueOf(start)))
                    .and(c.lt(lit(java.sql.Date.valueOf(start.plusMonths(1))))));
      } else {
        Instant start = row.getTimestamp(0).toInstant();
        Instant next = start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        touched =
            touched.or(c.geq(lit(Timestamp.from(start))).and(c.lt(lit(Timestamp.from(next)))));
      }
    }
    return touched;
  }
}
