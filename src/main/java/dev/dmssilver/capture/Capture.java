package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import dev.dmssilver.dms.DmsChange;
import dev.dmssilver.dms.DmsTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * A local stand-in for an AWS DMS full-load-and-CDC task from PostgreSQL to an S3 target: the first
 * run creates a logical replication slot and takes the full load from its snapshot; every run then
 * writes the changes committed since the slot's confirmed position as CDC files, and confirms them.
 * Everything is checked (the server's wal_level, the slot, the tables) before anything is written.
 */
public final class Capture {
  private static final int CONNECTION_ATTEMPTS = 5;

  private final CaptureSettings settings;
  private final DmsTarget target;
  private final CaptureListener listener;
  private final SourceConnections connections;
  private final ReplicationSlot slot;
  private final CaptureMarker marker;

  public Capture(Configuration conf, CaptureSettings settings, CaptureListener listener) {
    this.settings = requireNonNull(settings, "settings is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.target =
        new DmsTarget(
            conf, settings.bucket(), settings.endpoint(), settings.changeSequenceColumn());
    this.connections = new SourceConnections(settings.jdbcUrl());
    this.slot = new ReplicationSlot(settings.slot());
    this.marker = new CaptureMarker(conf, target.bronzeRoot(), settings.slot());
  }

  /** Runs the capture until it has written every change committed before it started. */
  public CaptureReport run() {
    List<String> warnings = new ArrayList<>();
    Map<String, Long> loaded = new LinkedHashMap<>();
    Instant started = Instant.now();
    Instant loadDone = started;
    ChangeTotals totals;
    String fromLsn;
    marker.checkWritable();
    try (Connection connection = connections.open()) {
      checkWalLevel(connection);
      SourceCatalog.Tables tables =
          SourceCatalog.read(connection, settings.schemas(), settings.tables());
      warnings.addAll(tables.warnings);
      Optional<ReplicationSlot.State> state = slot.state(connection);
      boolean fullLoad = decideFullLoad(connection, state, tables.tables);
      if (fullLoad) {
        loaded.putAll(fullLoad(tables.tables));
        loadDone = Instant.now();
      }
      fromLsn = slot.state(connection).get().confirmedLsn;
      totals = new ChangeTotals();
      streamChanges(connection, tables.tables, totals);
    } catch (SQLException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot capture: " + e.getMessage(), e);
    }
    warnings.addAll(totals.warnings);
    warnings.addAll(totals.unwrittenWarnings(settings));
    return new CaptureReport(
        target.bronzeRoot(),
        settings.slot(),
        loaded,
        totals.read,
        totals.written,
        target.filesByTable(),
        fromLsn,
        totals.toLsn == null ? fromLsn : totals.toLsn,
        Duration.between(started, loadDone),
        Duration.between(loadDone, Instant.now()),
        warnings);
  }

  private static void checkWalLevel(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet level = statement.executeQuery("SHOW wal_level")) {
      level.next();
      if (!"logical".equals(level.getString(1))) {
        throw new SilverException(
            SilverException.Kind.CONFIGURATION,
            "Cannot capture: the server's wal_level is "
                + level.getString(1)
                + ", and logical decoding needs logical. Set wal_level = logical (on RDS, the"
                + " parameter rds.logical_replication = 1) and restart PostgreSQL");
      }
    }
  }

  /**
   * Whether this run takes a full load: on the first run, or when asked to reload. A slot and a
   * Bronze that do not belong together stop the capture, since changes could be lost between them.
   */
  private boolean decideFullLoad(
      Connection connection, Optional<ReplicationSlot.State> state, List<SourceTable> tables)
      throws SQLException {
    if (state.isPresent()) {
      SlotCheck.usable(state.get(), settings.slot());
    }
    if (settings.reload()) {
      marker.delete();
      if (state.isPresent()) {
        slot.drop(connection);
      }
      return true;
    }
    if (!state.isPresent()) {
      if (marker.exists() || hasAnyFullLoad(tables)) {
        throw new SilverException(
            SilverException.Kind.CONFIGURATION,
            String.format(
                "Cannot capture: replication slot %s does not exist, but %s already holds a"
                    + " capture. The changes made since that capture are not in any slot. Run"
                    + " again with --reload to take a new full load through a new slot, as a DMS"
                    + " task restarted with reload-target does",
                settings.slot(), target.bronzeRoot()));
      }
      return true;
    }
    if (!marker.exists()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot capture: replication slot %s exists, but no completed full load for it is in"
                  + " %s (a full load that stopped half way, or another tool's slot). Run again"
                  + " with --reload to take a new full load, or use another --slot",
              settings.slot(), target.bronzeRoot()));
    }
    return false;
  }

  private boolean hasAnyFullLoad(List<SourceTable> tables) {
    for (SourceTable table : tables) {
      if (target.hasFullLoad(table.schema(), table.name())) {
        return true;
      }
    }
    return false;
  }

  private Map<String, Long> fullLoad(List<SourceTable> tables) throws SQLException {
    listener.stage("creating replication slot " + settings.slot());
    try (Connection replication = connections.openReplication();
        ReplicationSlot.Created created = slot.create(replication);
        Connection snapshot = connections.open()) {
      Map<String, Long> rows =
          FullLoad.run(snapshot, created.snapshot, Instant.now(), tables, target, listener);
      marker.write();
      return rows;
    }
  }

  /**
   * Reads and writes batches until every change committed before now is written. A lost connection
   * is opened again and the stream resumes from the slot's confirmed position.
   */
  private void streamChanges(Connection first, List<SourceTable> tables, ChangeTotals totals)
      throws SQLException {
    Map<String, SourceTable> byName = new LinkedHashMap<>();
    for (SourceTable table : tables) {
      byName.put(table.qualifiedName(), table);
    }
    String upTo = currentLsn(first);
    Connection connection = first;
    for (int attempt = 1; ; attempt++) {
      try {
        listener.stage("reading changes up to LSN " + upTo);
        while (streamBatch(connection, byName, upTo, totals)) {
          attempt = 1;
        }
        return;
      } catch (SQLException e) {
        if (!isConnectionLoss(e) || attempt >= CONNECTION_ATTEMPTS) {
          throw e;
        }
        totals.warnings.add(
            "the connection was lost ("
                + e.getMessage()
                + "); resumed from the slot's confirmed position, so the changes of the batch"
                + " in flight were written again, as after a DMS task restart");
        pause(attempt);
        if (connection != first) {
          SourceConnections.closeQuietly(connection);
        }
        connection = connections.open();
      }
    }
  }

  private boolean streamBatch(
      Connection connection, Map<String, SourceTable> tables, String upTo, ChangeTotals totals)
      throws SQLException {
    List<ReplicationSlot.Record> records = slot.peek(connection, upTo, settings.batchChanges());
    if (records.isEmpty()) {
      return false;
    }
    ChangeBatch batch = new ChangeBatch(tables);
    for (ReplicationSlot.Record record : records) {
      batch.add(record);
    }
    Instant writtenAt = Instant.now();
    for (Map.Entry<SourceTable, List<DmsChange>> entry : batch.changes().entrySet()) {
      SourceTable table = entry.getKey();
      long written =
          target.writeCdc(
              table.schema(), table.name(), table.dmsColumns(), entry.getValue(), writtenAt);
      totals.written.merge(table.qualifiedName(), written, Long::sum);
    }
    totals.add(batch);
    if (batch.lastCommitLsn() == null) {
      return false;
    }
    listener.batchWritten(batch.lastCommitLsn());
    FailPoint.reach(FailPoint.CAPTURE_BATCH_WRITTEN);
    slot.advance(connection, batch.lastCommitLsn());
    totals.toLsn = batch.lastCommitLsn();
    // Peek stops early only once it has produced a batch's rows; fewer rows were everything up to
    // upTo. Asking again would decode the whole stream once more to find nothing.
    return records.size() >= settings.batchChanges();
  }

  private static String currentLsn(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet lsn = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      lsn.next();
      return lsn.getString(1);
    }
  }

  /** SQLSTATE class 08 (connection exception) or an administrator's termination. */
  private static boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(500L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SilverException(SilverException.Kind.CONFIGURATION, "Interrupted", e);
    }
  }
}
