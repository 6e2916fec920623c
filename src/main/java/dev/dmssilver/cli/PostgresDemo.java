package dev.dmssilver.cli;

import dev.dmssilver.capture.Capture;
import dev.dmssilver.capture.CaptureReport;
import dev.dmssilver.capture.CaptureSettings;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.hadoop.conf.Configuration;

/**
 * The demo's source when it runs {@code --from-postgres}: a throwaway PostgreSQL with the seed's
 * six tables, a seeded workload before and after the full load, and two captures as a DMS task
 * takes them. The database stays up while the jobs run, to be compared with Silver afterwards.
 */
final class PostgresDemo implements AutoCloseable {
  static final String DATABASE = "shop";

  private final LocalPostgres postgres;
  private final Connection connection;
  private final DmsEndpoint endpoint;
  private String bronzeRoot;

  private PostgresDemo(LocalPostgres postgres, Connection connection, DmsEndpoint endpoint) {
    this.postgres = postgres;
    this.connection = connection;
    this.endpoint = endpoint;
  }

  static PostgresDemo start(DmsEndpoint endpoint, PrintWriter err) throws SQLException {
    err.println("silver: starting a throwaway PostgreSQL for the source (no Docker)...");
    err.flush();
    LocalPostgres postgres = LocalPostgres.start(DATABASE);
    try {
      Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE));
      ShopWorkload.createSchema(connection);
      return new PostgresDemo(postgres, connection, endpoint);
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * Seeds the shop, captures its full load, runs {@code changes} transactions and captures them.
   * Returns the Bronze folder the jobs read.
   */
  String captureWorkload(long seed, int changes, Path bucket, PrintWriter err) throws SQLException {
    ShopWorkload workload = new ShopWorkload(connection, seed);
    err.printf(
        "silver: source workload, seed %d: the shop's first orders, then %,d changes%n",
        seed, changes);
    err.flush();
    workload.seed(300, 60, 400);
    capture(bucket, err);
    workload.run(changes);
    bronzeRoot = capture(bucket, err).bronzeRoot();
    return bronzeRoot;
  }

  private CaptureReport capture(Path bucket, PrintWriter err) {
    CaptureSettings settings =
        CaptureSettings.of(postgres.jdbcUrl(DATABASE), bucket.toString(), endpoint);
    CaptureReport report = new Capture(new Configuration(), settings, message -> {}).run();
    err.print(report.render());
    err.flush();
    return report;
  }

  Connection connection() {
    return connection;
  }

  boolean writesDeletes() {
    return endpoint.writesDeletes();
  }

  boolean writesMilliseconds() {
    return endpoint.timestampKind() == DmsColumn.Kind.TIMESTAMP_MILLIS;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      postgres.close();
    }
  }
}
