package dev.dmssilver.bench;

import dev.dmssilver.capture.Capture;
import dev.dmssilver.capture.CaptureListener;
import dev.dmssilver.capture.CaptureReport;
import dev.dmssilver.capture.CaptureSettings;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.hadoop.conf.Configuration;

/**
 * How fast the capture turns PostgreSQL changes into DMS Parquet, beside its floor: the server
 * decoding the same changes with {@code test_decoding} and handing them over, with nothing done to
 * them. A throwaway PostgreSQL gets the seed's schema and {@code changes} row changes (half
 * inserts, half updates, in transactions of 10,000); neither the full load nor making the changes
 * is timed.
 */
public final class CaptureBenchmark {
  private static final int ROWS_PER_TRANSACTION = 10_000;
  private static final String DATABASE = "bench";

  private CaptureBenchmark() {}

  public static void run(int changes, DmsEndpoint endpoint, Path folder, PrintWriter out)
      throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(DATABASE);
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE))) {
      ShopWorkload.createSchema(connection);
      new ShopWorkload(connection, 1).seed(100, 20, 10);
      CaptureSettings settings =
          CaptureSettings.of(
              postgres.jdbcUrl(DATABASE), folder.resolve("bucket").toString(), endpoint);
      new Capture(new Configuration(), settings, CaptureListener.quiet()).run();
      makeChanges(connection, changes);

      long decodeStart = System.nanoTime();
      long decoded = decodeOnly(connection, settings.slot());
      double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
      CaptureReport report =
          new Capture(new Configuration(), settings, CaptureListener.quiet()).run();

      double decodeRate = decoded / decodeSeconds;
      out.printf("capture, PostgreSQL to Parquet (%s):%n", endpoint.toString().replace(' ', ','));
      out.printf(
          "  %-44s %,10d changes %7.2f s %,10.0f changes/s%n",
          "decoding only (pg_logical_slot_peek_changes)", decoded, decodeSeconds, decodeRate);
      out.printf(
          "  %-44s %,10d changes %7.2f s %,10.0f changes/s  %.2fx the decoding floor's time%n",
          "capture (decode, convert, write, confirm)",
          report.changesRead(),
          report.changesRead() / Math.max(report.changesPerSecond(), 1e-9),
          report.changesPerSecond(),
          decodeRate / Math.max(report.changesPerSecond(), 1e-9));
      out.flush();
    }
  }

  private static void makeChanges(Connection connection, int changes) throws SQLException {
    int inserts = changes / 2;
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO customers (first_name, last_name, email, country, phone, signup_date)"
                    + " SELECT 'First' || i, 'Last' || i, 'bench' || i || '@example.com', 'GB',"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE '+44 ' || i END,"
                    + " now() - i * interval '1 minute'"
                    + " FROM generate_series(?::int, ?::int) AS i");
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE customers SET country = 'DE' WHERE customer_id IN (SELECT customer_id"
                    + " FROM customers WHERE country = 'GB' ORDER BY customer_id LIMIT ?)")) {
      for (int from = 0; from < inserts; from += ROWS_PER_TRANSACTION) {
        insert.setInt(1, from + 1);
        insert.setInt(2, Math.min(inserts, from + ROWS_PER_TRANSACTION));
        insert.execute();
      }
      for (int from = 0; from < changes - inserts; from += ROWS_PER_TRANSACTION) {
        update.setInt(1, Math.min(ROWS_PER_TRANSACTION, changes - inserts - from));
        update.execute();
      }
    }
  }

  /** The floor: the server decodes every change and sends it, and nothing else happens. */
  private static long decodeOnly(Connection connection, String slot) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT data FROM pg_logical_slot_peek_changes(?, NULL, NULL,"
                + " 'include-timestamp', 'on', 'include-xids', 'off')")) {
      statement.setString(1, slot);
      try (ResultSet rows = statement.executeQuery()) {
        long changes = 0;
        while (rows.next()) {
          if (rows.getString(1).startsWith("table ")) {
            changes++;
          }
        }
        return changes;
      }
    }
  }
}
