package dev.dmssilver.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * The capture against a live PostgreSQL: what a new user gets wrong first. Each bad input gets a
 * message that says what to do, and leaves Bronze exactly as it was.
 */
class CaptureIT {
  @TempDir static Path folder;
  private static LocalPostgres postgres;
  private static int databases;

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start("admin");
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theFirstRunLoadsEveryTableAndLaterRunsWriteOnlyNewChanges() throws Exception {
    String database = shop();
    Path bucket = folder.resolve(database);
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      new ShopWorkload(connection, 1).seed(5, 3, 4);

      CaptureReport first = capture(database, bucket, DmsEndpoint.seed());
      CaptureReport nothing = capture(database, bucket, DmsEndpoint.seed());
      execute(connection, "UPDATE orders SET order_status = 'confirmed' WHERE order_id = 1");
      CaptureReport one = capture(database, bucket, DmsEndpoint.seed());

      assertThat(first.loadedRows())
          .containsEntry("public.customers", count(connection, "customers"))
          .containsEntry("public.order_items", count(connection, "order_items"))
          .hasSize(6);
      assertThat(nothing.tookFullLoad()).isFalse();
      assertThat(nothing.changesRead()).isZero();
      assertThat(one.changesRead("public.orders", 'U')).isEqualTo(1);
      assertThat(files(bucket))
          .anyMatch(
              file ->
                  file.matches("raw/public/orders/\\d{4}/\\d\\d/\\d\\d/\\d{8}-\\d{9}\\.parquet"))
          .contains("raw/public/orders/LOAD00000001.parquet");
    }
  }

  @Test
  void aServerWithoutLogicalDecodingIsRefusedSayingWhichSettingToChange() throws Exception {
    try (LocalPostgres replica = LocalPostgres.start("shop", Map.of("wal_level", "replica"))) {
      Path bucket = folder.resolve("replica");

      assertThatThrownBy(() -> capture(replica.jdbcUrl("shop"), bucket, DmsEndpoint.seed(), "s"))
          .isInstanceOf(SilverException.class)
          .hasMessageContaining("wal_level is replica")
          .hasMessageContaining("rds.logical_replication = 1");
      assertThat(files(bucket)).isEmpty();
    }
  }

  @Test
  void aSlotInUseIsRefusedAndBronzeIsLeftAsItWas() throws Exception {
    String database = shop();
    Path bucket = folder.resolve(database);
    capture(database, bucket, DmsEndpoint.seed());
    List<String> before = files(bucket);
    Properties replication = new Properties();
    PGProperty.REPLICATION.set(replication, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "10");
    PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
    try (Connection other = DriverManager.getConnection(postgres.jdbcUrl(database), replication);
        PGReplicationStream stream =
            other
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(database)
                .start()) {
      assertThat(stream.isClosed()).isFalse();

      assertThatThrownBy(() -> capture(database, bucket, DmsEndpoint.seed()))
          .hasMessageContaining("replication slot " + database + " is in use by server process")
          .hasMessageEndingWith("Nothing was written");
    }
    assertThat(files(bucket)).isEqualTo(before);
  }

  @Test
  void aMissingSlotBesideAnEarlierCaptureIsRefusedAndAReloadStartsOver() throws Exception {
    String database = shop();
    Path bucket = folder.resolve(database);
    capture(database, bucket, DmsEndpoint.seed());
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      execute(connection, "SELECT pg_drop_replication_slot('" + database + "')");
      execute(
          connection,
          "INSERT INTO customers (first_name, last_name, email, country)"
              + " VALUES ('Ada', 'Lovelace', 'ada@example.com', 'GB')");
    }
    List<String> before = files(bucket);

    assertThatThrownBy(() -> capture(database, bucket, DmsEndpoint.seed()))
        .hasMessageContaining("replication slot " + database + " does not exist")
        .hasMessageContaining("Run again with --reload");
    assertThat(files(bucket)).isEqualTo(before);

    CaptureReport reload = reload(database, bucket);
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      assertThat(reload.loadedRows())
          .containsEntry("public.customers", count(connection, "customers"));
    }
  }

  @Test
  void tablesThatCannotBeCapturedAreAllNamedBeforeAnythingIsWritten() throws Exception {
    String database = shop();
    Path bucket = folder.resolve(database);
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      execute(connection, "CREATE TABLE audit_log (happened timestamptz, note text)");
      execute(connection, "CREATE TABLE bookings (id int PRIMARY KEY, during tstzrange)");
    }

    assertThatThrownBy(() -> capture(database, bucket, DmsEndpoint.seed()))
        .hasMessageContaining("public.audit_log has no primary key")
        .hasMessageContaining("public.bookings column during has type tstzrange")
        .hasMessageContaining("leave them out with --tables");
    assertThat(files(bucket)).isEmpty();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      assertThat(slotExists(connection, database)).isFalse();
    }
  }

  @Test
  void theBenchmarkPrintsTheCapturesThroughputBesideTheDecodingFloor() throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();

    dev.dmssilver.bench.CaptureBenchmark.run(
        2_000, DmsEndpoint.seed(), folder.resolve("bench"), new java.io.PrintWriter(text));

    assertThat(text.toString())
        .containsPattern("decoding only \\(pg_logical_slot_peek_changes\\) +2,000 changes")
        .containsPattern(
            "capture \\(decode, convert, write, confirm\\) +2,000 changes .* changes/s .*x the"
                + " decoding floor's time");
  }

  // ---- fixtures

  /** A new database with the seed's schema and a few rows. */
  private static String shop() throws Exception {
    String database = "shop_" + (++databases);
    postgres.createDatabase(database);
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
      ShopWorkload.createSchema(connection);
      new ShopWorkload(connection, databases).seed(3, 2, 2);
    }
    return database;
  }

  private static CaptureReport capture(String database, Path bucket, DmsEndpoint endpoint) {
    return capture(postgres.jdbcUrl(database), bucket, endpoint, database);
  }

  private static CaptureReport capture(String url, Path bucket, DmsEndpoint endpoint, String slot) {
    return new Capture(
            new Configuration(),
            CaptureSettings.of(url, bucket.toString(), endpoint).withSlot(slot),
            CaptureListener.quiet())
        .run();
  }

  private static CaptureReport reload(String database, Path bucket) {
    return new Capture(
            new Configuration(),
            CaptureSettings.of(postgres.jdbcUrl(database), bucket.toString(), DmsEndpoint.seed())
                .withSlot(database)
                .withReload(),
            CaptureListener.quiet())
        .run();
  }

  private static boolean slotExists(Connection connection, String slot) throws Exception {
    try (Statement statement = connection.createStatement();
        java.sql.ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
      result.next();
      return result.getInt(1) > 0;
    }
  }

  private static long count(Connection connection, String table) throws Exception {
    try (Statement statement = connection.createStatement();
        java.sql.ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void execute(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Every file under the bucket with its size, so any change to Bronze shows. */
  private static List<String> files(Path bucket) throws IOException {
    if (!Files.exists(bucket)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(bucket)) {
      return walk.filter(Files::isRegularFile)
          .map(path -> bucket.relativize(path).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
