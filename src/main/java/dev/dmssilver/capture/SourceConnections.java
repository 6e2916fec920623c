package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens connections to the source database. Every session reads in UTC, so that timestamptz values
 * and commit times print as instants the same way whatever the server's or the machine's zone;
 * bytea prints as hex.
 */
final class SourceConnections {
  static final String APPLICATION_NAME = "dms-silver-capture";

  private final String jdbcUrl;

  SourceConnections(String jdbcUrl) {
    this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
  }

  Connection open() {
    Connection connection = connect(baseProperties());
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      statement.execute("SET DateStyle = 'ISO, YMD'");
      statement.execute("SET bytea_output = 'hex'");
      statement.execute("SET extra_float_digits = 3");
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw cannotConnect(e);
    }
  }

  /** A walsender connection for the replication protocol (slot creation with a snapshot). */
  Connection openReplication() {
    Properties properties = baseProperties();
    PGProperty.REPLICATION.set(properties, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
    PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
    return connect(properties);
  }

  private Properties baseProperties() {
    Properties properties = new Properties();
    PGProperty.APPLICATION_NAME.set(properties, APPLICATION_NAME);
    String password = System.getenv("PGPASSWORD");
    if (password != null && !jdbcUrl.contains("password=")) {
      PGProperty.PASSWORD.set(properties, password);
    }
    return properties;
  }

  private Connection connect(Properties properties) {
    try {
      return DriverManager.getConnection(jdbcUrl, properties);
    } catch (SQLException e) {
      throw cannotConnect(e);
    }
  }

  private SilverException cannotConnect(SQLException e) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION,
        "Cannot capture: cannot connect to " + withoutPassword(jdbcUrl) + ": " + e.getMessage(),
        e);
  }

  /** The URL as it may be printed. */
  static String withoutPassword(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already broken: nothing more to release.
    }
  }
}
