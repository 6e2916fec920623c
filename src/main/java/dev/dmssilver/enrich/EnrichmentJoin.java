package dev.dmssilver.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Enrichment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Copies columns from another entity's current rows onto this one's, and records whether a match
 * was found. The lookup is unique on its key (it is a latest-state result), so the join never
 * multiplies rows.
 */
public final class EnrichmentJoin {
  private EnrichmentJoin() {}

  /** The boolean column that says whether a row found its match: the enrichment's rule. */
  public static String matchedColumn(Enrichment enrichment) {
    return "_matched_" + enrichment.rule();
  }

  /**
   * @param candidates this entity's latest events
   * @param lookup the other entity's current rows, holding at least its key and copied columns
   */
  public static Dataset<Row> apply(
      Dataset<Row> candidates, Enrichment enrichment, Dataset<Row> lookup) {
    String prefix = "_lookup_" + enrichment.rule() + "_";
    List<Column> lookupColumns = new ArrayList<>();
    for (String theirs : enrichment.on().values()) {
      lookupColumns.add(col(theirs).as(prefix + theirs));
    }
    for (ColumnSpec copied : enrichment.columns()) {
      lookupColumns.add(col(copied.name()).as(prefix + copied.name()));
    }
    lookupColumns.add(lit(true).as(matchedColumn(enrichment)));
    Dataset<Row> renamed = lookup.select(lookupColumns.toArray(new Column[0]));

    Column condition = null;
    for (Map.Entry<String, String> pair : enrichment.on().entrySet()) {
      Column equal = candidates.col(pair.getKey()).equalTo(renamed.col(prefix + pair.getValue()));
      condition = condition == null ? equal : condition.and(equal);
    }
    Dataset<Row> joined = candidates.join(renamed, condition, "left_outer");

    List<Column> output = new ArrayList<>();
    for (String existing : candidates.columns()) {
      output.add(candidates.col(existing));
    }
    for (ColumnSpec copied : enrichment.columns()) {
      output.add(renamed.col(prefix + copied.name()).as(copied.name()));
    }
    output.add(
        org.apache
            .spark
            .sql
            .functions
            .coalesce(renamed.col(matchedColumn(enrichment)), lit(false))
            .as(matchedColumn(enrichment)));
    return joined.select(output.toArray(new Column[0]));
  }
}
