package dev.dmssilver.source;

import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares Silver and quarantine with the source database, row by row: every source row must be in
 * exactly one of them, and a Silver row must equal its source row column by column (instants as
 * instants, cut to the millisecond when DMS wrote milliseconds; decimals by value). Rows that only
 * the graveyard still holds are deleted at the source; they count as kept on purpose when the
 * endpoint writes no deletes, and as differences otherwise.
 */
public final class Reconciliation {
  private final long sourceRows;
  private final long silverRows;
  private final long quarantinedRows;
  private final long keptDeletedRows;
  private final List<String> differences;

  private Reconciliation(
      long sourceRows,
      long silverRows,
      long quarantinedRows,
      long keptDeletedRows,
      List<String> differences) {
    this.sourceRows = sourceRows;
    this.silverRows = silverRows;
    this.quarantinedRows = quarantinedRows;
    this.keptDeletedRows = keptDeletedRows;
    this.differences = differences;
  }

  /**
   * @param qualified the catalog's name for a Silver table, e.g. {@code lakehouse.silver.x}
   * @param deletesWritten whether the endpoint writes deletes to Bronze
   * @param milliseconds whether the endpoint cuts timestamps to milliseconds
   */
  public static Reconciliation of(
      Connection source,
      SparkSession spark,
      List<Contract> contracts,
      java.util.function.Function<String, String> qualified,
      boolean deletesWritten,
      boolean milliseconds)
      throws SQLException {
    Tally tally = new Tally(deletesWritten, milliseconds);
    for (Contract contract : contracts) {
      String key = contract.key().get(0);
      Map<String, Row> silver = new HashMap<>();
      for (Row row : spark.table(qualified.apply(contract.table())).collectAsList()) {
        silver.put(String.valueOf(row.<Object>getAs(key)), row);
      }
      Set<String> inQuarantine = new HashSet<>();
      for (Row row :
          spark
              .table(qualified.apply("quarantine"))
              .where("table_name = '" + contract.table() + "'")
              .select("record_key")
              .collectAsList()) {
        inQuarantine.add(row.getString(0));
      }
      tally.add(
          contract,
          rows(source, contract, "public"),
          rows(source, contract, ShopWorkload.GRAVEYARD).keySet(),
          silver,
          inQuarantine);
    }
    return new Reconciliation(
        tally.sourceRows,
        tally.silverRows - tally.keptInSilver,
        tally.quarantined - tally.keptInQuarantine,
        tally.keptInSilver + tally.keptInQuarantine,
        tally.differences);
  }

  /** The figures and differences of the tables compared so far. */
  private static final class Tally {
    final boolean deletesWritten;
    final boolean milliseconds;
    long sourceRows;
    long silverRows;
    long quarantined;
    long keptInSilver;
    long keptInQuarantine;
    final List<String> differences = new ArrayList<>();

    Tally(boolean deletesWritten, boolean milliseconds) {
      this.deletesWritten = deletesWritten;
      this.milliseconds = milliseconds;
    }

    void add(
        Contract contract,
        Map<String, Map<String, Object>> expected,
        Set<String> deleted,
        Map<String, Row> silver,
        Set<String> inQuarantine) {
      sourceRows += expected.size();
      silverRows += silver.size();
      quarantined += inQuarantine.size();
      for (Map.Entry<String, Map<String, Object>> row : expected.entrySet()) {
        Row actual = silver.get(row.getKey());
        if ((actual != null) == inQuarantine.contains(row.getKey())) {
          differences.add(
              contract.table() + " " + row.getKey() + ": in neither or both of Silver, quarantine");
        } else if (actual != null) {
          compare(contract, row.getKey(), row.getValue(), actual, milliseconds, differences);
        }
      }
      Set<String> extra = new HashSet<>(silver.keySet());
      extra.addAll(inQuarantine);
      extra.removeAll(expected.keySet());
      for (String gone : extra) {
        if (deletesWritten || !deleted.contains(gone)) {
          differences.add(contract.table() + " " + gone + ": not in the source");
        } else if (silver.containsKey(gone)) {
          keptInSilver++;
        } else {
          keptInQuarantine++;
        }
      }
    }
  }

  private static Map<String, Map<String, Object>> rows(
      Connection source, Contract contract, String schema) throws SQLException {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    String sql =
        String.format("SELECT * FROM %s.%s", schema, contract.bronze().table().replace("\"", ""));
    try (Statement statement = source.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        Map<String, Object> row = new HashMap<>();
        for (ColumnSpec column : contract.columns()) {
          Object value = result.getObject(column.name());
          if (value instanceof Timestamp) {
            value = result.getObject(column.name(), OffsetDateTime.class);
          }
          row.put(column.name(), value);
        }
        rows.put(String.valueOf(row.get(contract.key().get(0))), row);
      }
    }
    return rows;
  }

  private static void compare(
      Contract contract,
      String key,
      Map<String, Object> source,
      Row silver,
      boolean milliseconds,
      List<String> differences) {
    for (ColumnSpec column : contract.columns()) {
      Object expected = normalized(source.get(column.name()), milliseconds);
      Object actual = normalized(silver.getAs(column.name()), false);
      boolean equal =
          expected instanceof BigDecimal && actual instanceof BigDecimal
              ? ((BigDecimal) expected).compareTo((BigDecimal) actual) == 0
              : Objects.equals(expected, actual);
      if (!equal) {
        differences.add(
            String.format(
                "%s %s: %s is %s in the source, %s in Silver",
                contract.table(), key, column.name(), expected, actual));
      }
    }
  }

  private static Object normalized(Object value, boolean milliseconds) {
    Instant instant = null;
    if (value instanceof OffsetDateTime) {
      instant = ((OffsetDateTime) value).toInstant();
    } else if (value instanceof Timestamp) {
      instant = ((Timestamp) value).toInstant();
    }
    if (instant != null) {
      return milliseconds ? instant.truncatedTo(ChronoUnit.MILLIS) : instant;
    }
    if (value instanceof Number && !(value instanceof BigDecimal)) {
      return ((Number) value).longValue();
    }
    return value;
  }

  public List<String> differences() {
    return differences;
  }

  /** The line a user reads, e.g. {@code source 2,312 rows = silver 2,307 + quarantine 5; ...}. */
  public String summary() {
    String line =
        String.format(
            "source %,d rows = silver %,d + quarantine %,d; %,d differences",
            sourceRows, silverRows, quarantinedRows, differences.size());
    if (keptDeletedRows > 0) {
      line +=
          String.format(
              "; %,d rows deleted at the source are still in Silver or quarantine, as the endpoint"
                  + " writes no deletes",
              keptDeletedRows);
    }
    return line;
  }
}
