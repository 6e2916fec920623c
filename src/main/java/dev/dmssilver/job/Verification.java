package dev.dmssilver.job;

import static dev.dmssilver.ColumnNames.columns;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.quality.QuarantineColumns;
import dev.dmssilver.quality.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Compares a job's live Silver table and quarantine slice with what a full rebuild of Bronze would
 * publish now, row by row, writing nothing: the check that an incremental history has not drifted
 * from the reference. The quarantine's run id and time are left out; they name the run that decided
 * a row, which differs by design.
 */
public final class Verification {
  private static final List<String> RUN_COLUMNS =
      Arrays.asList(QuarantineColumns.RUN_ID, QuarantineColumns.QUARANTINED_AT);
  private static final int EXAMPLES = 5;

  private Verification() {}

  /** How one table compares: rows only live, rows only in the rebuild, and a few of each. */
  public static final class Difference {
    public final String table;
    public final long liveRows;
    public final long rebuiltRows;
    public final long onlyLive;
    public final long onlyRebuilt;
    public final List<String> examples;

    Difference(
        String table,
        long liveRows,
        long rebuiltRows,
        long onlyLive,
        long onlyRebuilt,
        List<String> examples) {
      this.table = requireNonNull(table, "table is null");
      this.liveRows = liveRows;
      this.rebuiltRows = rebuiltRows;
      this.onlyLive = onlyLive;
      this.onlyRebuilt = onlyRebuilt;
      this.examples = examples;
    }

    public boolean same() {
      return onlyLive == 0 && onlyRebuilt == 0;
    }
  }

  /** The job's Silver table, then its quarantine slice, each compared with a full rebuild. */
  public static List<Difference> verify(
      SparkSession spark, RunSettings settings, Contract contract) {
    JobRunner runner = new JobRunner(spark, settings);
    BronzeEvents bronze = runner.read(contract);
    Instant now = settings.clock().instant();
    Validation validation = Validation.of(contract, now.plus(settings.futureTolerance()));
    Dataset<Row> checked =
        runner
            .resolve(contract, bronze, validation, Optional.empty())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String table = contract.table();
      Dataset<Row> rebuiltSilver = SilverRows.of(contract, checked);
      Dataset<Row> liveSilver =
          spark
              .table(settings.catalog().qualified(table))
              .select(columns(Arrays.asList(rebuiltSilver.columns())));
      Dataset<Row> rebuiltQuarantine =
          withoutRunColumns(SilverRows.quarantine(contract, checked, settings.runId(), now));
      Dataset<Row> liveQuarantine =
          spark
              .table(settings.catalog().qualified(QuarantineTable.NAME))
              .where(col(QuarantineTable.TABLE_NAME_COLUMN).equalTo(lit(table)))
              .select(columns(Arrays.asList(rebuiltQuarantine.columns())));
      List<Difference> differences = new ArrayList<>();
      differences.add(compare(table, liveSilver, rebuiltSilver));
      differences.add(
          compare(QuarantineTable.NAME + " (" + table + ")", liveQuarantine, rebuiltQuarantine));
      return differences;
    } finally {
      checked.unpersist();
    }
  }

  private static Difference compare(String table, Dataset<Row> live, Dataset<Row> rebuilt) {
    Dataset<Row> onlyLive = live.exceptAll(rebuilt);
    Dataset<Row> onlyRebuilt = rebuilt.exceptAll(live);
    List<String> examples = new ArrayList<>();
    for (Row row : onlyLive.limit(EXAMPLES).collectAsList()) {
      examples.add("only live:    " + row.mkString(", "));
    }
    for (Row row : onlyRebuilt.limit(EXAMPLES).collectAsList()) {
      examples.add("only rebuilt: " + row.mkString(", "));
    }
    return new Difference(
        table, live.count(), rebuilt.count(), onlyLive.count(), onlyRebuilt.count(), examples);
  }

  private static Dataset<Row> withoutRunColumns(Dataset<Row> rows) {
    List<Column> kept = new ArrayList<>();
    for (String name : rows.columns()) {
      if (!RUN_COLUMNS.contains(name)) {
        kept.add(col(name));
      }
    }
    return rows.select(kept.toArray(new Column[0]));
  }
}
