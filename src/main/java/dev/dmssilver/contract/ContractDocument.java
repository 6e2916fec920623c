package dev.dmssilver.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract file exactly as written in YAML. Jackson rejects unknown keys, so a misspelt key is
 * an error rather than a silently ignored setting. {@link Contracts} turns documents into validated
 * {@link Contract}s once every document is known, because an enrichment refers to another contract.
 */
final class ContractDocument {
  final String table;
  final String description;
  final BronzeDocument bronze;
  final List<String> key;
  final Map<String, String> columns;
  final List<EnrichmentDocument> enrich;
  final Map<String, DerivedDocument> derived;
  final Map<String, String> rules;
  final String partition;

  @JsonCreator
  ContractDocument(
      @JsonProperty(value = "table", required = true) String table,
      @JsonProperty("description") String description,
      @JsonProperty(value = "bronze", required = true) BronzeDocument bronze,
      @JsonProperty(value = "key", required = true) List<String> key,
      @JsonProperty(value = "columns", required = true) LinkedHashMap<String, String> columns,
      @JsonProperty("enrich") List<EnrichmentDocument> enrich,
      @JsonProperty("derived") LinkedHashMap<String, DerivedDocument> derived,
      @JsonProperty("rules") LinkedHashMap<String, String> rules,
      @JsonProperty("partition") String partition) {
    this.table = table;
    this.description = description;
    this.bronze = bronze;
    this.key = key;
    this.columns = columns;
    this.enrich = enrich == null ? new ArrayList<>() : enrich;
    this.derived = derived == null ? new LinkedHashMap<>() : derived;
    this.rules = rules == null ? new LinkedHashMap<>() : rules;
    this.partition = partition;
  }

  static final class BronzeDocument {
    final String schema;
    final String table;

    @JsonCreator
    BronzeDocument(
        @JsonProperty("schema") String schema,
        @JsonProperty(value = "table", required = true) String table) {
      this.schema = schema;
      this.table = table;
    }
  }

  static final class DerivedDocument {
    final String type;
    final String expression;

    @JsonCreator
    DerivedDocument(
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty(value = "expression", required = true) String expression) {
      this.type = type;
      this.expression = expression;
    }
  }

  static final class EnrichmentDocument {
    final String from;
    final String rule;
    final Map<String, String> on;
    final List<String> columns;

    @JsonCreator
    EnrichmentDocument(
        @JsonProperty(value = "from", required = true) String from,
        @JsonProperty(value = "rule", required = true) String rule,
        @JsonProperty(value = "on", required = true) LinkedHashMap<String, String> on,
        @JsonProperty(value = "columns", required = true) List<String> columns) {
      this.from = from;
      this.rule = rule;
      this.on = on;
      this.columns = columns;
    }
  }
}
