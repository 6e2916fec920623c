package dev.dmssilver.job;

import static dev.dmssilver.ColumnNames.columns;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.SilverMerge;
import dev.dmssilver.quality.QuarantineRecords;
import dev.dmssilver.quality.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What validated latest events come to: Silver rows, quarantine rows, or changes to Silver. */
final class SilverRows {
  private SilverRows() {}

  /** The current, valid rows, in Silver's columns. */
  static Dataset<Row> of(Contract contract, Dataset<Row> checked) {
    return checked
        .where(LatestEvent.isCurrent().and(Validation.isValid()))
        .select(columns(names(contract)));
  }

  /** The current rows that failed a rule, as quarantine records. */
  static Dataset<Row> quarantine(
      Contract contract, Dataset<Row> checked, String runId, Instant quarantinedAt) {
    return QuarantineRecords.of(
        checked.where(LatestEvent.isCurrent().and(Validation.isQuarantined())),
        contract,
        runId,
        quarantinedAt);
  }

  /** One row per decided key: its Silver columns and whether it is upserted or deleted. */
  static Dataset<Row> changes(Contract contract, Dataset<Row> checked) {
    List<Column> columns = new ArrayList<>(Arrays.asList(columns(names(contract))));
    columns.add(
        when(LatestEvent.isCurrent().and(Validation.isValid()), lit(SilverMerge.UPSERT))
            .otherwise(lit(SilverMerge.DELETE))
            .as(SilverMerge.CHANGE));
    return checked.select(columns.toArray(new Column[0]));
  }

  static List<String> names(Contract contract) {
    List<String> names = new ArrayList<>();
    for (ColumnSpec column : contract.silverColumns()) {
      names.add(column.name());
    }
    return names;
  }
}
