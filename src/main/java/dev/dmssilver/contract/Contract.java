package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Everything that differs between two Silver entities, as data: where its Bronze table is, its key,
 * its columns and their types, its enrichment, derived columns, rules and partitioning. One generic
 * pipeline runs every contract.
 */
public final class Contract {
  private final String table;
  private final String description;
  private final BronzeSource bronze;
  private final List<String> key;
  private final List<ColumnSpec> columns;
  private final List<Enrichment> enrichments;
  private final List<DerivedColumn> derived;
  private final List<Rule> rules;
  private final PartitionField partition;
  private final GatePolicy gate;

  public Contract(
      String table,
      String description,
      BronzeSource bronze,
      List<String> key,
      List<ColumnSpec> columns,
      List<Enrichment> enrichments,
      List<DerivedColumn> derived,
      List<Rule> rules,
      Optional<PartitionField> partition,
      GatePolicy gate) {
    this.table = SqlIdentifier.checked("Silver table name", table);
    this.description = description == null ? "" : description.trim();
    this.bronze = requireNonNull(bronze, "bronze is null");
    this.key = immutableCopy(requireNonNull(key, "key is null"));
    this.columns = immutableCopy(requireNonNull(columns, "columns is null"));
    this.enrichments = immutableCopy(requireNonNull(enrichments, "enrichments is null"));
    this.derived = immutableCopy(requireNonNull(derived, "derived is null"));
    this.rules = immutableCopy(requireNonNull(rules, "rules is null"));
    this.partition = requireNonNull(partition, "partition is null").orElse(null);
    this.gate = requireNonNull(gate, "gate is null");
    checkConsistency();
  }

  private void checkConsistency() {
    if (columns.isEmpty()) {
      throw invalid("it declares no columns");
    }
    if (key.isEmpty()) {
      throw invalid("it declares no key columns");
    }
    Set<String> silverNames = new HashSet<>();
    for (ColumnSpec column : silverColumns()) {
      if (!silverNames.add(column.name())) {
        throw invalid("column " + column.name() + " is declared more than once");
      }
    }
    for (String keyColumn : key) {
      if (!sourceColumnNames().contains(keyColumn)) {
        throw invalid("key column " + keyColumn + " is not among its columns");
      }
    }
    checkRuleNames();
    for (Enrichment enrichment : enrichments) {
      for (String joinColumn : enrichment.on().keySet()) {
        if (!sourceColumnNames().contains(joinColumn)) {
          throw invalid("enrichment join column " + joinColumn + " is not among its columns");
        }
      }
    }
    checkPartition();
  }

  private void checkRuleNames() {
    Set<String> reasons = new HashSet<>();
    for (String reason : reasons()) {
      if (BuiltInReason.isBuiltIn(reason)) {
        throw invalid("rule name " + reason + " is reserved for a built-in rule");
      }
      if (!reasons.add(reason)) {
        throw invalid("rule name " + reason + " is used more than once");
      }
    }
  }

  private void checkPartition() {
    if (partition != null) {
      DataType type = silverType(partition.column());
      if (type == null) {
        throw invalid("partition column " + partition.column() + " is not a Silver column");
      }
      if (!type.equals(DataTypes.DateType) && !type.equals(DataTypes.TimestampType)) {
        throw invalid("partition column " + partition.column() + " must be a date or timestamp");
      }
    }
  }

  private SilverException invalid(String why) {
    return new SilverException(
        SilverException.Kind.CONTRACT, "Cannot use contract " + table + ": " + why);
  }

  /** The Silver table name, e.g. {@code fact_orders}. */
  public String table() {
    return table;
  }

  public String description() {
    return description;
  }

  public BronzeSource bronze() {
    return bronze;
  }

  public List<String> key() {
    return key;
  }

  /** The columns read from Bronze, in contract order. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  public List<Enrichment> enrichments() {
    return enrichments;
  }

  public List<DerivedColumn> derived() {
    return derived;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Optional<PartitionField> partition() {
    return Optional.ofNullable(partition);
  }

  /** The thresholds a run must meet before it may replace this table. */
  public GatePolicy gate() {
    return gate;
  }

  /** Silver's columns in table order: Bronze columns, then enrichment columns, then derived. */
  public List<ColumnSpec> silverColumns() {
    List<ColumnSpec> silver = new ArrayList<>(columns);
    for (Enrichment enrichment : enrichments) {
      silver.addAll(enrichment.columns());
    }
    for (DerivedColumn column : derived) {
      silver.add(column.column());
    }
    return Collections.unmodifiableList(silver);
  }

  /** Every reason this contract can quarantine a row for, besides the built-in ones. */
  public List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    for (Rule rule : rules) {
      reasons.add(rule.name());
    }
    for (Enrichment enrichment : enrichments) {
      reasons.add(enrichment.rule());
    }
    return reasons;
  }

  private Set<String> sourceColumnNames() {
    Set<String> names = new HashSet<>();
    for (ColumnSpec column : columns) {
      names.add(column.name());
    }
    return names;
  }

  private DataType silverType(String name) {
    for (ColumnSpec column : silverColumns()) {
      if (column.name().equals(name)) {
        return column.type().sparkType();
      }
    }
    return null;
  }

  private static <T> List<T> immutableCopy(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }

  @Override
  public String toString() {
    return "Contract[" + table + "]";
  }
}
