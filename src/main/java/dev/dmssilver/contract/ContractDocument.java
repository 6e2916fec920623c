package dev.dmssilver.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dmssilver.SilverException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The contract file exactly as written in YAML. Jackson rejects unknown keys where it meets them,
 * so a misspelt key is reported as such; required keys are checked once the file is read. {@link
 * Contracts} turns documents into validated {@link Contract}s once every document is known, because
 * an enrichment refers to another contract.
 */
final class ContractDocument {
  @JsonProperty String table;
  @JsonProperty String description;
  @JsonProperty BronzeDocument bronze;
  @JsonProperty List<String> key;
  @JsonProperty LinkedHashMap<String, ColumnDocument> columns;
  @JsonProperty List<EnrichmentDocument> enrich = new ArrayList<>();
  @JsonProperty LinkedHashMap<String, DerivedDocument> derived = new LinkedHashMap<>();
  @JsonProperty LinkedHashMap<String, String> rules = new LinkedHashMap<>();
  @JsonProperty String partition;
  @JsonProperty GateDocument gate;

  /** Fails naming the first required key that is missing. */
  void checkRequired(String source) {
    require(source, table, "table");
    require(source, bronze, "bronze");
    require(source, bronze.table, "bronze.table");
    require(source, key, "key");
    require(source, columns, "columns");
    columns.forEach(
        (name, column) -> {
          require(source, column, "columns." + name);
          require(source, column.type, "columns." + name + ".type");
          if (column.silver != null && column.convertTo != null) {
            throw new SilverException(
                SilverException.Kind.CONTRACT,
                String.format(
                    "Cannot load contract %s: column %s declares both silver and convert_to;"
                        + " use silver for a safe widening, convert_to for a deliberate"
                        + " conversion",
                    source, name));
          }
        });
    for (EnrichmentDocument enrichment : enrich) {
      require(source, enrichment.from, "enrich[].from");
      require(source, enrichment.rule, "enrich[].rule");
      require(source, enrichment.on, "enrich[].on");
      require(source, enrichment.columns, "enrich[].columns");
    }
    derived.forEach(
        (name, spec) -> {
          require(source, spec, "derived." + name);
          require(source, spec.type, "derived." + name + ".type");
          require(source, spec.expression, "derived." + name + ".expression");
        });
  }

  private static void require(String source, Object value, String key) {
    if (value == null) {
      throw new SilverException(
          SilverException.Kind.CONTRACT,
          "Cannot load contract " + source + ": missing required key '" + key + "'");
    }
  }

  /**
   * A column as written: either just the type DMS delivers ({@code order_id: int}), or a mapping
   * that also says how Silver stores it ({@code order_id: {type: int, silver: bigint}} or {@code
   * signup_date: {type: timestamp, convert_to: date}}).
   */
  static final class ColumnDocument {
    @JsonProperty String type;
    @JsonProperty String silver;

    @JsonProperty("convert_to")
    String convertTo;

    ColumnDocument() {}

    /** The short form, {@code name: type}. Jackson uses it for a scalar value. */
    ColumnDocument(String type) {
      this.type = type;
    }
  }

  static final class GateDocument {
    @JsonProperty("max_quarantine_share")
    Double maxQuarantineShare;

    @JsonProperty("max_row_drop")
    Double maxRowDrop;

    @JsonProperty("min_rows")
    Long minRows;

    GatePolicy toPolicy() {
      return new GatePolicy(
          maxQuarantineShare == null ? GatePolicy.MAX_QUARANTINE_SHARE_DEFAULT : maxQuarantineShare,
          maxRowDrop == null ? GatePolicy.MAX_ROW_DROP_DEFAULT : maxRowDrop,
          minRows == null ? GatePolicy.MIN_ROWS_DEFAULT : minRows);
    }
  }

  static final class BronzeDocument {
    @JsonProperty String schema;
    @JsonProperty String table;
  }

  static final class DerivedDocument {
    @JsonProperty String type;
    @JsonProperty String expression;
  }

  static final class EnrichmentDocument {
    @JsonProperty String from;
    @JsonProperty String rule;
    @JsonProperty LinkedHashMap<String, String> on;
    @JsonProperty List<String> columns;
  }
}
