package dev.dmssilver.capture;

import dev.dmssilver.SilverException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the source tables to capture from PostgreSQL's catalog and checks, before anything is
 * written, that each can be captured as DMS would: it has a primary key, every column has a Parquet
 * type, and its deletes can be decoded.
 */
final class SourceCatalog {
  private static final String COLUMNS =
      "SELECT n.nspname, c.relname, c.relreplident, a.attname,"
          + " format_type(a.atttypid, a.atttypmod) AS declared,"
          + " CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS base_type,"
          + " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS type_modifier,"
          + " array_position(i.indkey::int2[], a.attnum) AS key_position"
          + " FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
          + " JOIN pg_type t ON t.oid = a.atttypid"
          + " LEFT JOIN pg_type bt ON bt.oid = t.typbasetype"
          + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
          + " WHERE c.relkind = 'r' AND n.nspname = ANY(?)"
          + " ORDER BY n.nspname, c.relname, a.attnum";

  private SourceCatalog() {}

  /**
   * The tables of {@code schemas} to capture: all of them, or only {@code only} if not empty.
   *
   * @return the tables with every problem found, so the user can fix them all at once
   */
  static Tables read(Connection connection, List<String> schemas, List<String> only)
      throws SQLException {
    Map<String, TableBuilder> builders = columns(connection, schemas, only);
    List<String> problems = new ArrayList<>();
    for (String wanted : only) {
      boolean found = false;
      for (TableBuilder builder : builders.values()) {
        found |= builder.table.equals(wanted) || builder.qualifiedName().equals(wanted);
      }
      if (!found) {
        problems.add(wanted + " does not exist in schema " + String.join(", ", schemas));
      }
    }
    if (builders.isEmpty() && only.isEmpty()) {
      problems.add("schema " + String.join(", ", schemas) + " has no tables");
    }
    List<SourceTable> tables = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (TableBuilder builder : builders.values()) {
      builder.build(problems, warnings).ifPresent(tables::add);
    }
    if (!problems.isEmpty()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot capture: "
              + String.join("; ", problems)
              + ". Nothing was written. Fix the tables, or leave them out with --tables");
    }
    return new Tables(tables, warnings);
  }

  /** The columns of the wanted tables, gathered per table by qualified name. */
  private static Map<String, TableBuilder> columns(
      Connection connection, List<String> schemas, List<String> only) throws SQLException {
    Map<String, TableBuilder> builders = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      Array schemaArray = connection.createArrayOf("text", schemas.toArray());
      statement.setArray(1, schemaArray);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String schema = rows.getString(1);
          String table = rows.getString(2);
          String qualified = schema + "." + table;
          if (!only.isEmpty() && !only.contains(table) && !only.contains(qualified)) {
            continue;
          }
          TableBuilder builder = builders.get(qualified);
          if (builder == null) {
            builder = new TableBuilder(schema, table, rows.getString(3));
            builders.put(qualified, builder);
          }
          builder.add(
              rows.getString(4),
              rows.getString(6),
              rows.getString(5),
              rows.getInt(7),
              (Integer) rows.getObject(8));
        }
      }
    }
    return builders;
  }

  /** The tables to capture, and what the user should know about them. */
  static final class Tables {
    final List<SourceTable> tables;
    final List<String> warnings;

    Tables(List<SourceTable> tables, List<String> warnings) {
      this.tables = tables;
      this.warnings = warnings;
    }
  }

  private static final class TableBuilder {
    final String schema;
    final String table;
    final String replicaIdentity;
    final List<SourceColumn> columns = new ArrayList<>();
    final Map<Integer, String> keyByPosition = new TreeMap<>();
    final Map<String, String> unmappable = new LinkedHashMap<>();

    TableBuilder(String schema, String table, String replicaIdentity) {
      this.schema = schema;
      this.table = table;
      this.replicaIdentity = replicaIdentity;
    }

    String qualifiedName() {
      return schema + "." + table;
    }

    void add(String name, String baseType, String declared, int modifier, Integer keyPosition) {
      Optional<SourceColumn> column = SourceColumn.of(name, baseType, declared, modifier);
      if (column.isPresent()) {
        columns.add(column.get());
      } else {
        unmappable.put(name, declared);
      }
      if (keyPosition != null) {
        keyByPosition.put(keyPosition, name);
      }
    }

    Optional<SourceTable> build(List<String> problems, List<String> warnings) {
      int before = problems.size();
      if (keyByPosition.isEmpty()) {
        problems.add(qualifiedName() + " has no primary key, which the jobs need to match changes");
      }
      unmappable.forEach(
          (column, type) ->
              problems.add(
                  String.format(
                      "%s column %s has type %s, which has no Parquet type in DMS's mapping here",
                      qualifiedName(), column, type)));
      if (replicaIdentity.equals("n")) {
        problems.add(
            qualifiedName()
                + " has REPLICA IDENTITY NOTHING, so its deletes cannot be decoded; run ALTER"
                + " TABLE "
                + qualifiedName()
                + " REPLICA IDENTITY FULL");
      } else if (!replicaIdentity.equals("f")) {
        warnings.add(
            qualifiedName()
                + " does not use REPLICA IDENTITY FULL: its deletes carry only the key, its other"
                + " columns NULL");
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(
          new SourceTable(
              schema,
              table,
              columns,
              new ArrayList<>(keyByPosition.values()),
              replicaIdentity.equals("f")));
    }
  }
}
