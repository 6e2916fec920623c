package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.dms.DmsColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source table as the capture knows it: its columns in table order, its key, its identity. */
final class SourceTable {
  private final String schema;
  private final String name;
  private final List<SourceColumn> columns;
  private final List<String> key;
  private final boolean fullReplicaIdentity;
  private final Map<String, Integer> positions = new HashMap<>();

  SourceTable(
      String schema,
      String name,
      List<SourceColumn> columns,
      List<String> key,
      boolean fullReplicaIdentity) {
    this.schema = requireNonNull(schema, "schema is null");
    this.name = requireNonNull(name, "name is null");
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.key = Collections.unmodifiableList(new ArrayList<>(key));
    this.fullReplicaIdentity = fullReplicaIdentity;
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
  }

  String schema() {
    return schema;
  }

  String name() {
    return name;
  }

  /** {@code schema.table}, as test_decoding names it (unquoted for plain names). */
  String qualifiedName() {
    return schema + "." + name;
  }

  List<SourceColumn> columns() {
    return columns;
  }

  List<String> key() {
    return key;
  }

  /** With REPLICA IDENTITY FULL, a delete carries the whole old row; otherwise only the key. */
  boolean hasFullReplicaIdentity() {
    return fullReplicaIdentity;
  }

  /** The column's position, or -1 if the table has no such column. */
  int positionOf(String column) {
    Integer position = positions.get(column);
    return position == null ? -1 : position;
  }

  List<DmsColumn> dmsColumns() {
    List<DmsColumn> dms = new ArrayList<>();
    for (SourceColumn column : columns) {
      dms.add(column.dmsColumn());
    }
    return dms;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
