package dev.dmssilver.testing;

import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SparkSessions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session for the whole test JVM (local[2], UI off, two shuffle partitions, UTC), and a
 * fresh Iceberg catalog per test: a SQLite file in the test's own temporary warehouse.
 */
public final class TestSpark {
  private static final AtomicInteger CATALOGS = new AtomicInteger();
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      Map<String, String> properties = new LinkedHashMap<>(SparkSessions.localProperties(2));
      properties.put("spark.master", "local[2]");
      properties.putAll(SparkSessions.requiredProperties());
      spark = SparkSessions.create("silver-tests", properties);
    }
    return spark;
  }

  /** A new, empty lakehouse in {@code warehouse}, registered under a catalog name of its own. */
  public static CatalogSettings newLakehouse(Path warehouse) {
    CatalogSettings catalog =
        new CatalogSettings(
            warehouse.toString(),
            "local",
            CatalogSettings.DATABASE_DEFAULT,
            "test_catalog_" + CATALOGS.incrementAndGet());
    SparkSessions.register(session(), catalog);
    return catalog;
  }
}
