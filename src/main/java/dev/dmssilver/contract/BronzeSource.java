package dev.dmssilver.contract;

import java.util.Optional;

/**
 * Where an entity's DMS output sits under the Bronze folder: {@code <schema>/<table>/}. The schema
 * is usually the run's (public by default); a contract may pin its own.
 */
public final class BronzeSource {
  private final String schema;
  private final String table;

  public BronzeSource(String schema, String table) {
    this.schema = schema == null ? null : SqlIdentifier.checked("Bronze schema", schema);
    this.table = SqlIdentifier.checked("Bronze table", table);
  }

  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  public String table() {
    return table;
  }
}
