package dev.dmssilver.job;

import static org.apache.spark.sql.functions.expr;

import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.DerivedColumn;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.contract.Rule;
import dev.dmssilver.enrich.DerivedColumns;
import dev.dmssilver.enrich.EnrichmentJoin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a contract's expressions against an empty frame of its own columns before any Bronze is
 * read: a misspelt column or a rule that is not boolean stops the job in milliseconds, naming the
 * rule, instead of after a full scan.
 */
final class ContractCheck {
  private ContractCheck() {}

  static void check(SparkSession spark, Contract contract) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : contract.columns()) {
      fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(), true));
    }
    for (Enrichment enrichment : contract.enrichments()) {
      for (ColumnSpec column : enrichment.columns()) {
        fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(), true));
      }
      fields.add(
          DataTypes.createStructField(
              EnrichmentJoin.matchedColumn(enrichment), DataTypes.BooleanType, false));
    }
    fields.add(DataTypes.createStructField(EventColumns.OP, DataTypes.StringType, true));
    fields.add(
        DataTypes.createStructField(EventColumns.COMMIT_TIMESTAMP, DataTypes.TimestampType, true));
    Dataset<Row> empty =
        spark.createDataFrame(
            Collections.<Row>emptyList(), new StructType(fields.toArray(new StructField[0])));

    for (DerivedColumn column : contract.derived()) {
      check(contract, "derived column " + column.name(), column.expression(), empty, null);
    }
    Dataset<Row> withDerived = DerivedColumns.apply(empty, contract.derived());
    for (Rule rule : contract.rules()) {
      check(contract, "rule " + rule.name(), rule.expression(), withDerived, DataTypes.BooleanType);
    }
  }

  private static void check(
      Contract contract, String what, String expression, Dataset<Row> frame, DataType required) {
    DataType type;
    try {
      type = frame.select(expr(expression)).schema().fields()[0].dataType();
    } catch (Exception e) {
      // Spark throws AnalysisException, a checked exception, without declaring it.
      if (e instanceof ParseException) {
        throw invalid(contract, what, expression, "it is not valid Spark SQL", e);
      }
      if (e instanceof AnalysisException) {
        throw invalid(contract, what, expression, ((AnalysisException) e).getSimpleMessage(), e);
      }
      throw e;
    }
    if (required != null && !required.equals(type)) {
      throw invalid(
          contract, what, expression, "it is " + type.simpleString() + ", not boolean", null);
    }
  }

  private static SilverException invalid(
      Contract contract, String what, String expression, String why, Throwable cause) {
    return new SilverException(
        SilverException.Kind.CONTRACT,
        String.format(
            "Cannot use contract %s: %s (%s) is invalid: %s",
            contract.table(), what, expression, why),
        cause);
  }
}
