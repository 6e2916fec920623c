package dev.dmssilver.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.contract.BuiltInReason;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.contract.Rule;
import dev.dmssilver.enrich.EnrichmentJoin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Evaluates every rule on every row in one projection, and collects the names of the rules a row
 * fails into {@link #REASONS}. An empty list means the row is valid. A rule that evaluates to NULL
 * has failed: nothing is ever dropped because a comparison met a NULL.
 */
public final class Validation {
  /** The rules a row fails, in contract order: built-in rules, the contract's, enrichments'. */
  public static final String REASONS = "_reasons";

  private final Map<String, Column> passes;

  private Validation(Map<String, Column> passes) {
    this.passes = Collections.unmodifiableMap(passes);
  }

  /**
   * The rules of {@code contract}, plus the built-in ones. A latest event committed after {@code
   * futureLimit} fails {@code commit_timestamp_not_future}.
   */
  public static Validation of(Contract contract, Instant futureLimit) {
    Map<String, Column> passes = new LinkedHashMap<>();
    Column keyPresent = lit(true);
    for (String key : contract.key()) {
      keyPresent = keyPresent.and(col(key).isNotNull());
    }
    passes.put(BuiltInReason.KEY_NOT_NULL.reason(), keyPresent);
    passes.put(BuiltInReason.OP_KNOWN.reason(), col(EventColumns.OP).isin("I", "U"));
    passes.put(
        BuiltInReason.COMMIT_TIMESTAMP_NOT_FUTURE.reason(),
        col(EventColumns.COMMIT_TIMESTAMP).leq(RunConstant.timestamp(futureLimit)));
    allOf(contract, DataTypes.StringType, Validation::isValidUtf8)
        .ifPresent(check -> passes.put(BuiltInReason.TEXT_VALID_UTF8.reason(), check));
    allOf(contract, DataTypes.DoubleType, Validation::isFinite)
        .ifPresent(check -> passes.put(BuiltInReason.NUMBERS_FINITE.reason(), check));
    for (Rule rule : contract.rules()) {
      passes.put(rule.name(), expr(rule.expression()));
    }
    for (Enrichment enrichment : contract.enrichments()) {
      passes.put(enrichment.rule(), col(EnrichmentJoin.matchedColumn(enrichment)));
    }
    return new Validation(passes);
  }

  /** One check over every Silver column of a type ({@code float} counts as double). */
  private static Optional<Column> allOf(
      Contract contract, DataType type, Function<Column, Column> check) {
    Column all = null;
    for (ColumnSpec column : contract.silverColumns()) {
      DataType columnType = column.type().sparkType();
      boolean matches =
          columnType.equals(type)
              || (type.equals(DataTypes.DoubleType) && columnType.equals(DataTypes.FloatType));
      if (matches) {
        Column passes = col(column.name()).isNull().or(check.apply(col(column.name())));
        all = all == null ? passes : all.and(passes);
      }
    }
    return Optional.ofNullable(all);
  }

  /** Decoding replaces bad bytes, so re-encoding gives back the raw bytes only for UTF-8. */
  private static Column isValidUtf8(Column text) {
    return encode(text, "UTF-8").equalTo(text.cast(DataTypes.BinaryType));
  }

  private static Column isFinite(Column number) {
    return not(isnan(number)).and(abs(number).notEqual(lit(Double.POSITIVE_INFINITY)));
  }

  /** Every reason a row can be quarantined for, in the order reasons are listed. */
  public List<String> reasons() {
    return new ArrayList<>(passes.keySet());
  }

  /** Adds {@link #REASONS} to the current rows. */
  public Dataset<Row> apply(Dataset<Row> currentRows) {
    Column none = array().cast(DataTypes.createArrayType(DataTypes.StringType, false));
    List<Column> failures = new ArrayList<>();
    for (Map.Entry<String, Column> rule : passes.entrySet()) {
      // coalesce(..., false): NULL is a failure, never a silent pass or a silent drop.
      failures.add(
          when(not(coalesce(rule.getValue(), lit(false))), array(lit(rule.getKey())))
              .otherwise(none));
    }
    // concat of one-element or empty arrays, rather than filter(array(...)): Spark 3.3 compiles
    // concat, but interprets a higher-order function row by row (7% of a job's CPU).
    return currentRows.withColumn(REASONS, concat(failures.toArray(new Column[0])));
  }

  /** Rows that passed every rule: they go to Silver. */
  public static Column isValid() {
    return size(col(REASONS)).equalTo(0);
  }

  /** Rows that failed at least one rule: they go to quarantine. */
  public static Column isQuarantined() {
    return size(col(REASONS)).gt(0);
  }
}
