package dev.dmssilver.capture;

import dev.dmssilver.dms.DmsTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The full load: every row of every table, read in one transaction that uses the snapshot the new
 * slot exported. That snapshot is the database exactly as of the slot's start, so every change
 * after it is in the slot and none before it is: the seam between full load and CDC neither loses
 * nor doubles a change. Rows go to LOAD files, stamped as the endpoint says: with the time each was
 * written (DMS's default), or with the task's start.
 */
final class FullLoad {
  private static final int FETCH_ROWS = 10_000;

  private FullLoad() {}

  /** Loads every table and returns the rows written per table ({@code schema.table}). */
  static Map<String, Long> run(
      Connection snapshotConnection,
      String snapshot,
      Instant taskStart,
      List<SourceTable> tables,
      DmsTarget target,
      CaptureListener listener)
      throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    snapshotConnection.setAutoCommit(false);
    snapshotConnection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    snapshotConnection.setReadOnly(true);
    try (Statement statement = snapshotConnection.createStatement()) {
      statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
    }
    DmsTarget.FullLoadStamps stamps =
        target.endpoint().stampsFullLoadWithTaskStart() ? row -> taskStart : row -> Instant.now();
    for (SourceTable table : tables) {
      listener.stage("loading " + table.qualifiedName());
      long loaded = load(snapshotConnection, table, target, stamps, listener);
      rows.put(table.qualifiedName(), loaded);
    }
    snapshotConnection.commit();
    return rows;
  }

  private static long load(
      Connection connection,
      SourceTable table,
      DmsTarget target,
      DmsTarget.FullLoadStamps stamps,
      CaptureListener listener)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(selectAll(table))) {
      statement.setFetchSize(FETCH_ROWS);
      try (ResultSet resultSet = statement.executeQuery()) {
        Rows rows = new Rows(table, resultSet);
        DmsTarget.FullLoadStamps stampsTold =
            row -> {
              Instant stamp = stamps.stampFor(row);
              if (row == 0) {
                listener.firstRowLoaded(table.qualifiedName());
              }
              return stamp;
            };
        int files =
            target.writeFullLoad(
                table.schema(), table.name(), table.dmsColumns(), () -> rows, stampsTold, 1);
        // A reload overwrites LOAD00000001 on; files of an older, larger load must not remain.
        target.removeLoadFilesFrom(table.schema(), table.name(), files + 1);
        if (rows.failure != null) {
          throw rows.failure;
        }
        return rows.count;
      }
    }
  }

  /** Every column as PostgreSQL's text, which {@link SourceColumn#parse} reads. */
  private static String selectAll(SourceTable table) {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < table.columns().size(); i++) {
      select.append(i == 0 ? "" : ", ").append(quoted(table.columns().get(i).name()));
      select.append("::text");
    }
    return select
        .append(" FROM ")
        .append(quoted(table.schema()))
        .append('.')
        .append(quoted(table.name()))
        .toString();
  }

  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The result set as rows of Parquet values, read once. */
  private static final class Rows implements Iterator<Object[]> {
    private final SourceTable table;
    private final ResultSet resultSet;
    private Boolean hasNext;
    private long count;
    private SQLException failure;

    Rows(SourceTable table, ResultSet resultSet) {
      this.table = table;
      this.resultSet = resultSet;
    }

    @Override
    public boolean hasNext() {
      if (hasNext == null) {
        try {
          hasNext = resultSet.next();
        } catch (SQLException e) {
          // Surfaced once the writer has closed its file; the load then fails as a whole.
          failure = e;
          hasNext = false;
        }
      }
      return hasNext;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      hasNext = null;
      Object[] values = new Object[table.columns().size()];
      try {
        for (int i = 0; i < values.length; i++) {
          values[i] = table.columns().get(i).parse(resultSet.getString(i + 1));
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read " + table.qualifiedName(), e);
      }
      count++;
      return values;
    }
  }
}
