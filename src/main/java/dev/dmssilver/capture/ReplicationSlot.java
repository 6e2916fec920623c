package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * A logical replication slot with the {@code test_decoding} plugin, as DMS uses one. Changes are
 * read with {@code pg_logical_slot_peek_changes}, which leaves the slot where it was, and the slot
 * moves on only once their files are written ({@code pg_replication_slot_advance}): a capture that
 * stops in between reads the same changes again next time. Delivery is at least once, like DMS's.
 */
final class ReplicationSlot {
  static final String PLUGIN = "test_decoding";

  private static final String PEEK =
      "SELECT lsn::text, data FROM pg_logical_slot_peek_changes(?, ?::pg_lsn, ?,"
          + " 'include-timestamp', 'on', 'include-xids', 'off', 'skip-empty-xacts', 'on')";

  private final String name;

  ReplicationSlot(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  String name() {
    return name;
  }

  /** What the server knows of the slot, or empty if it does not exist. */
  Optional<State> state(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT s.plugin, s.database, s.active, s.active_pid, s.confirmed_flush_lsn::text,"
                + " s.wal_status, current_database()"
                + " FROM pg_replication_slots s WHERE s.slot_name = ?")) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new State(
                row.getString(1),
                row.getString(2),
                row.getBoolean(3),
                (Integer) row.getObject(4),
                row.getString(5),
                row.getString(6),
                row.getString(7)));
      }
    }
  }

  /**
   * Creates the slot on a replication connection and keeps that connection open: its exported
   * snapshot, the database exactly as of the slot's start, lives only as long as it does.
   */
  Created create(Connection replicationConnection) throws SQLException {
    ReplicationSlotInfo info =
        replicationConnection
            .unwrap(PGConnection.class)
            .getReplicationAPI()
            .createReplicationSlot()
            .logical()
            .withSlotName(name)
            .withOutputPlugin(PLUGIN)
            .make();
    if (info.getSnapshotName() == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot capture: the server exported no snapshot for slot " + name);
    }
    return new Created(replicationConnection, info.getSnapshotName(), info.getConsistentPoint());
  }

  void drop(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
      statement.setString(1, name);
      statement.execute();
    }
  }

  /**
   * Whole transactions committed before {@code upTo}, from the slot's confirmed position on,
   * stopping after the transaction in which {@code maxChanges} is reached.
   */
  List<Record> peek(Connection connection, String upTo, int maxChanges) throws SQLException {
    List<Record> records = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(PEEK)) {
      statement.setString(1, name);
      statement.setString(2, upTo);
      statement.setInt(3, maxChanges);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          records.add(new Record(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return records;
  }

  /** Confirms everything up to {@code lsn}: it will not be read again. */
  void advance(Connection connection, String lsn) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_replication_slot_advance(?, ?::pg_lsn)")) {
      statement.setString(1, name);
      statement.setString(2, lsn);
      statement.execute();
    }
  }

  /** The LSN as one number, for a change sequence that sorts as text. */
  static long asNumber(String lsn) {
    return LogSequenceNumber.valueOf(lsn).asLong();
  }

  /** A slot as pg_replication_slots shows it. */
  static final class State {
    final String plugin;
    final String database;
    final boolean active;
    final Integer activePid;
    final String confirmedLsn;
    final String walStatus;
    final String currentDatabase;

    State(
        String plugin,
        String database,
        boolean active,
        Integer activePid,
        String confirmedLsn,
        String walStatus,
        String currentDatabase) {
      this.plugin = plugin;
      this.database = database;
      this.active = active;
      this.activePid = activePid;
      this.confirmedLsn = confirmedLsn;
      this.walStatus = walStatus;
      this.currentDatabase = currentDatabase;
    }
  }

  /** A slot just created, with its snapshot held open by its replication connection. */
  static final class Created implements AutoCloseable {
    final String snapshot;
    final LogSequenceNumber consistentPoint;
    private final Connection replicationConnection;

    Created(Connection replicationConnection, String snapshot, LogSequenceNumber consistentPoint) {
      this.replicationConnection = replicationConnection;
      this.snapshot = snapshot;
      this.consistentPoint = consistentPoint;
    }

    @Override
    public void close() throws SQLException {
      replicationConnection.close();
    }
  }

  /** One row of peek's output: where it is in the WAL, and test_decoding's text. */
  static final class Record {
    final String lsn;
    final String data;

    Record(String lsn, String data) {
      this.lsn = lsn;
      this.data = data;
    }
  }
}
