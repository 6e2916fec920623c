package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns copied from the current state of another entity, matched on that entity's key. A row with
 * no current match fails {@link #rule()}: for order items, an item whose order was deleted or never
 * seen is quarantined as {@code order_exists}.
 */
public final class Enrichment {
  private final String fromContract;
  private final String rule;
  private final Map<String, String> on;
  private final List<ColumnSpec> columns;

  public Enrichment(
      String fromContract, String rule, Map<String, String> on, List<ColumnSpec> columns) {
    this.fromContract = SqlIdentifier.checked("enrichment source", fromContract);
    this.rule = SqlIdentifier.checked("enrichment rule", rule);
    Map<String, String> checkedOn = new LinkedHashMap<>();
    requireNonNull(on, "on is null")
        .forEach(
            (ours, theirs) ->
                checkedOn.put(
                    SqlIdentifier.checked("join column", ours),
                    SqlIdentifier.checked("join column", theirs)));
    this.on = Collections.unmodifiableMap(checkedOn);
    this.columns =
        Collections.unmodifiableList(new ArrayList<>(requireNonNull(columns, "columns is null")));
  }

  /** The contract whose Bronze table provides the current rows to match. */
  public String fromContract() {
    return fromContract;
  }

  /** The rule (quarantine reason) a row without a current match fails. */
  public String rule() {
    return rule;
  }

  /** Join columns: this entity's column to the other entity's key column. */
  public Map<String, String> on() {
    return on;
  }

  /** Columns of the other entity copied onto this one, under the same names and types. */
  public List<ColumnSpec> columns() {
    return columns;
  }
}
