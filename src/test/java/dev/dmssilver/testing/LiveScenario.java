package dev.dmssilver.testing;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.capture.Capture;
import dev.dmssilver.capture.CaptureListener;
import dev.dmssilver.capture.CaptureReport;
import dev.dmssilver.capture.CaptureSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * One live source, from empty database to six Silver tables: the seed's DDL in a fresh database of
 * a running PostgreSQL, a seeded workload, captures through one slot as a DMS task would take them,
 * and the six jobs. Faults a DMS deployment meets are steps of their own: a capture that stops
 * between writing a batch and confirming it, a connection that drops, a reloaded full load, a CDC
 * file that arrives late.
 */
public final class LiveScenario implements AutoCloseable {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  private final String name;
  private final LocalPostgres postgres;
  private final Connection connection;
  private final ShopWorkload workload;
  private final Path folder;
  private CaptureSettings capture;
  private final List<String> log = new ArrayList<>();
  private boolean captured;

  public LiveScenario(
      LocalPostgres postgres,
      String name,
      long seed,
      Path folder,
      DmsEndpoint endpoint,
      String changeSequenceColumn)
      throws SQLException {
    this.name = name;
    this.postgres = postgres;
    this.folder = folder;
    postgres.createDatabase(name);
    this.connection = DriverManager.getConnection(postgres.jdbcUrl(name));
    ShopWorkload.createSchema(connection);
    this.workload = new ShopWorkload(connection, seed);
    CaptureSettings settings =
        CaptureSettings.of(postgres.jdbcUrl(name), folder.resolve("bucket").toString(), endpoint)
            .withSlot(name)
            .withBatchChanges(400);
    this.capture =
        changeSequenceColumn == null
            ? settings
            : settings.withChangeSequenceColumn(changeSequenceColumn);
  }

  public ShopWorkload workload() {
    return workload;
  }

  public Connection connection() {
    return connection;
  }

  public CaptureReport capture() {
    return capture(CaptureListener.quiet());
  }

  public CaptureReport capture(CaptureListener listener) {
    if (!captured) {
      forgetDeletesBeforeTheFullLoad();
      captured = true;
    }
    CaptureReport report = new Capture(new Configuration(), capture, listener).run();
    log.add(report.render());
    return report;
  }

  /**
   * The first capture, during whose full load the workload commits {@code steps} transactions: once
   * {@code table}'s first row is transferred. The load reads from the slot's snapshot, so they
   * reach Bronze as CDC, committed before the rows transferred after them.
   */
  public CaptureReport captureWithChangesDuringTheLoad(String table, int steps) {
    return capture(
        new CaptureListener() {
          @Override
          public void stage(String message) {}

          @Override
          public void firstRowLoaded(String loading) {
            if (loading.equals(table)) {
              try {
                workload.run(steps);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              log.add(steps + " transactions committed while " + table + " was loading");
            }
          }
        });
  }

  /** A capture that stops after writing its first batch, before the slot moves past it. */
  public void captureStoppingAfterTheFirstBatch() {
    try {
      capture(
          new CaptureListener() {
            @Override
            public void stage(String message) {}

            @Override
            public void batchWritten(String upToLsn) {
              throw new IllegalStateException("stopped after writing up to " + upToLsn);
            }
          });
      throw new AssertionError("the capture did not stop");
    } catch (IllegalStateException expected) {
      log.add("capture stopped: " + expected.getMessage());
    }
  }

  /** A capture whose connection the server terminates after its first batch is written. */
  public CaptureReport captureLosingTheConnectionOnce() {
    boolean[] terminated = {false};
    return capture(
        new CaptureListener() {
          @Override
          public void stage(String message) {}

          @Override
          public void batchWritten(String upToLsn) {
            if (!terminated[0]) {
              terminated[0] = true;
              terminateCaptureBackends();
            }
          }
        });
  }

  private void terminateCaptureBackends() {
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
        Statement statement = admin.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'dms-silver-capture' AND datname = '"
              + name
              + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A reload: a new full load through a new slot, as a task restarted with reload-target. */
  public CaptureReport reload() {
    forgetDeletesBeforeTheFullLoad();
    CaptureReport report =
        new Capture(new Configuration(), capture.withReload(), CaptureListener.quiet()).run();
    log.add(report.render());
    return report;
  }

  /**
   * A row deleted before a full load never reaches Bronze (or, after a reload, is absent from the
   * complete picture the new load gives): no endpoint keeps its last image. The workload is idle
   * now, so everything committed so far is before the slot's snapshot.
   */
  private void forgetDeletesBeforeTheFullLoad() {
    try (Statement statement = connection.createStatement()) {
      for (String table : LiveSourceOracle.sourceTables()) {
        statement.execute("TRUNCATE " + ShopWorkload.GRAVEYARD + "." + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves the CDC files written so far out of Bronze, to bring them back later. */
  public List<Path> holdBack(String table) throws IOException {
    Path tableFolder = Paths.get(bronzeRoot(), "public", table);
    Path held = Files.createDirectories(folder.resolve("held-" + table));
    List<Path> moved = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tableFolder)) {
      for (Path file :
          files
              .filter(
                  path ->
                      Files.isRegularFile(path)
                          && !path.getFileName().toString().startsWith("LOAD"))
              .collect(Collectors.toList())) {
        Path target = held.resolve(tableFolder.relativize(file).toString().replace('/', '#'));
        Files.move(file, target);
        moved.add(target);
      }
    }
    return moved;
  }

  /** Brings held-back files into Bronze again: they arrive late, after newer ones. */
  public void arriveLate(String table, List<Path> held) {
    Path tableFolder = Paths.get(bronzeRoot(), "public", table);
    try {
      for (Path file : held) {
        Path target = tableFolder.resolve(file.getFileName().toString().replace('#', '/'));
        Files.createDirectories(target.getParent());
        Files.move(file, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bronzeRoot() {
    return new dev.dmssilver.dms.DmsTarget(
            new Configuration(),
            capture.bucket(),
            capture.endpoint(),
            capture.changeSequenceColumn())
        .bronzeRoot();
  }

  /** Runs the six jobs over the Bronze captured so far, into a fresh lakehouse. */
  public List<JobResult> runJobs(CatalogSettings catalog) {
    return runJobs(catalog, RunSettings.Mode.FULL);
  }

  /** Runs the six jobs over the Bronze captured so far, as {@code mode} asks. */
  public List<JobResult> runJobs(CatalogSettings catalog, RunSettings.Mode mode) {
    Contracts contracts = Contracts.fromDirectory(JOBS);
    BronzeSettings bronze =
        new BronzeSettings(
            bronzeRoot(),
            BronzeSettings.SCHEMA_DEFAULT,
            BronzeSettings.TIMESTAMP_COLUMN_DEFAULT,
            capture.changeSequenceColumn().orElse(BronzeSettings.CHANGE_SEQUENCE_COLUMN_DEFAULT));
    return JobRuns.runAll(
        TestSpark.session(),
        RunSettings.of(bronze, catalog, contracts).withMode(mode),
        new ArrayList<>(contracts.all()));
  }

  /** What the captures printed, for a failure's message. */
  public String log() {
    return String.join(System.lineSeparator(), log);
  }

  /** Drops the scenario's slot, which would hold WAL and a slot of the server's few. */
  @Override
  public void close() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
              + " WHERE slot_name = '"
              + name
              + "'");
    } finally {
      connection.close();
    }
  }
}
