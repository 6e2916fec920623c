package dev.dmssilver.lakehouse;

import dev.dmssilver.Causes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.util.Tasks;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Creates the tables Iceberg's JDBC catalog keeps in its database, once, with a short-lived catalog
 * that is closed straight away. The catalog Spark uses is told not to do it ({@code
 * jdbc.init-catalog-tables=false}): Iceberg 1.6's initialization leaves a result set open, and in
 * SQLite that pins the connection to an old snapshot, so that once another process has written,
 * every write on that connection fails (SQLITE_BUSY_SNAPSHOT). Two processes creating the tables at
 * once is also handled here, by trying again with new connections.
 */
final class JdbcCatalogTables {
  static final String INIT_PROPERTY = "jdbc.init-catalog-tables";
  private static final int RETRIES = 4;

  private JdbcCatalogTables() {}

  /**
   * The Iceberg properties of a JDBC catalog at {@code jdbcUrl}, tuned for SQLite or PostgreSQL.
   */
  static Map<String, String> catalogProperties(String jdbcUrl) {
    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
    catalog.put("uri", jdbcUrl);
    // V1 adds view support to the catalog tables; Iceberg asks for it to be chosen explicitly.
    catalog.put("jdbc.schema-version", "V1");
    // The catalog's tables are created beforehand, once: see ensure.
    catalog.put(INIT_PROPERTY, "false");
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      // Six jobs commit at once; SQLite serializes writers, so wait for the lock, don't fail.
      catalog.put("jdbc.busy_timeout", "60000");
      catalog.put("jdbc.journal_mode", "WAL");
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      // Seconds: a catalog that cannot be reached fails the run quickly.
      catalog.put("jdbc.connectTimeout", "10");
    }
    return catalog;
  }

  static void ensure(CatalogSettings catalog) {
    if (catalog.kind() == CatalogSettings.Kind.GLUE) {
      return;
    }
    try {
      Tasks.foreach(catalog)
          .retry(RETRIES)
          .exponentialBackoff(200, 2_000, 30_000, 2.0)
          .shouldRetryTest(JdbcCatalogTables::isRaceWithAnotherProcess)
          .throwFailureWhenFinished()
          .run(JdbcCatalogTables::initialize);
    } catch (RuntimeException e) {
      throw catalog.cannotConnect(e);
    }
  }

  private static void initialize(CatalogSettings catalog) {
    Map<String, String> properties = catalog.icebergCatalogProperties();
    properties.put(INIT_PROPERTY, "true");
    // It only creates the catalog's tables; JdbcCatalog.close() leaves its FileIO open, and an S3
    // one would log a leak warning. A HadoopFileIO holds nothing.
    properties.put(CatalogProperties.FILE_IO_IMPL, HadoopFileIO.class.getName());
    try (JdbcCatalog initializer = new JdbcCatalog()) {
      initializer.setConf(new Configuration());
      initializer.initialize(catalog.catalogName(), properties);
    }
  }

  /**
   * What another process setting up the same catalog at the same moment makes us see: the tables it
   * has just created ("already exists", or a column it has just added), or, in SQLite, a database
   * it has written since our connection began (SQLITE_BUSY_SNAPSHOT) or is writing now (busy,
   * locked). The next attempt, on new connections, finds the tables there.
   */
  static boolean isRaceWithAnotherProcess(Throwable failure) {
    for (Throwable cause : Causes.chain(failure)) {
      if (cause instanceof SQLiteException) {
        // Extended result codes (BUSY_SNAPSHOT is 517) carry the primary code in the low byte.
        int primary = ((SQLiteException) cause).getResultCode().code & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code
            || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
          return true;
        }
      }
    }
    // "already exists" (PostgreSQL, and any table), or SQLite's "duplicate column name" when both
    // processes add the V1 schema's iceberg_type column to the table one of them just created.
    String message = String.valueOf(Causes.root(failure).getMessage());
    return message.contains("exists") || message.contains("duplicate column name");
  }
}
