package dev.dmssilver.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * SQL on the workload's one connection: parameters bound in order, {@code timestamptz} read as
 * {@link OffsetDateTime}, and deletes that keep each row's last image in the graveyard schema.
 */
final class Statements {
  private final Connection connection;

  Statements(Connection connection) {
    this.connection = connection;
  }

  /** Deletes rows, keeping each one's last image in the graveyard. */
  void bury(String table, String keyColumn, Object key) throws SQLException {
    String graveyard = ShopWorkload.GRAVEYARD + "." + table;
    String primaryKey = table.substring(0, table.length() - 1) + "_id";
    update(
        String.format(
            "DELETE FROM %s WHERE %s IN (SELECT %s FROM public.%s WHERE %s = ?)",
            graveyard, primaryKey, primaryKey, table, keyColumn),
        key);
    update(
        String.format(
            "WITH gone AS (DELETE FROM public.%s WHERE %s = ? RETURNING *)"
                + " INSERT INTO %s SELECT * FROM gone",
            table, keyColumn, graveyard),
        key);
  }

  int insert(String sql, Object... parameters) throws SQLException {
    return (Integer) queryOne(sql, parameters);
  }

  Object queryOne(String sql, Object... parameters) throws SQLException {
    Object[] row = queryRow(sql, parameters);
    return row == null ? null : row[0];
  }

  Object[] queryRow(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters);
        ResultSet result = statement.executeQuery()) {
      if (!result.next()) {
        return null;
      }
      Object[] row = new Object[result.getMetaData().getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] =
            result.getMetaData().getColumnTypeName(i + 1).equals("timestamptz")
                ? result.getObject(i + 1, OffsetDateTime.class)
                : result.getObject(i + 1);
      }
      return row;
    }
  }

  int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
