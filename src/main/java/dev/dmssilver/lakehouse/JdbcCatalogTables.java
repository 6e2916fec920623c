package dev.dmssilver.lakehouse;

import dev.dmssilver.SilverException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Creates the tables Iceberg's JDBC catalog keeps in its database, once, with a short-lived catalog
 * that is closed straight away. The catalog Spark uses is told not to do it ({@code
 * jdbc.init-catalog-tables=false}): Iceberg 1.6's initialization leaves a result set open, and in
 * SQLite that pins the connection to an old snapshot, so that once another process has written,
 * every write on that connection fails (SQLITE_BUSY_SNAPSHOT). Two processes creating the tables at
 * once is also handled here, by trying again.
 */
final class JdbcCatalogTables {
  static final String INIT_PROPERTY = "jdbc.init-catalog-tables";
  private static final int ATTEMPTS = 5;

  private JdbcCatalogTables() {}

  static void ensure(CatalogSettings catalog) {
    if (catalog.kind() == CatalogSettings.Kind.GLUE) {
      return;
    }
    Map<String, String> properties = catalog.icebergCatalogProperties();
    properties.put(INIT_PROPERTY, "true");
    for (int attempt = 1; ; attempt++) {
      try (JdbcCatalog initializer = new JdbcCatalog()) {
        initializer.setConf(new Configuration());
        initializer.initialize(catalog.catalogName(), properties);
        return;
      } catch (Exception e) {
        // Another process creating the same tables makes one of us fail with "already exists";
        // the tables are then there, and the next attempt finds them.
        if (attempt >= ATTEMPTS || !String.valueOf(rootCause(e).getMessage()).contains("exists")) {
          Throwable root = rootCause(e);
          throw new SilverException(
              SilverException.Kind.LAKEHOUSE,
              String.format(
                  "Cannot connect to the catalog %s: %s",
                  catalog.describe(), CatalogSettings.redacted(String.valueOf(root.getMessage()))),
              root);
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      TimeUnit.MILLISECONDS.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SilverException(SilverException.Kind.LAKEHOUSE, "Interrupted", e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
