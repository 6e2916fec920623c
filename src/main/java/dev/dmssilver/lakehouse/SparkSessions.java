package dev.dmssilver.lakehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session the jobs need: Iceberg's SQL extensions, UTC, explicit semantics. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Properties every session gets. Each one pins a behaviour the jobs rely on instead of leaving it
   * to a default that differs between Spark builds or that a cluster may have changed.
   */
  public static Map<String, String> requiredProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    properties.put("spark.sql.session.timeZone", "UTC");
    // A cast that fails is NULL, which the jobs name and count; ANSI mode would throw instead.
    properties.put("spark.sql.ansi.enabled", "false");
    // INSERT OVERWRITE replaces the whole table only in static mode.
    properties.put("spark.sql.sources.partitionOverwriteMode", "static");
    // An unparseable commit timestamp becomes NULL (and fails the job by name), not an
    // upgrade exception from Spark's datetime parser.
    properties.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    // DMS writes proleptic Gregorian dates; 0001-01-01 sentinels must read as written.
    properties.put("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED");
    properties.put("spark.sql.parquet.int96RebaseModeInRead", "CORRECTED");
    return properties;
  }

  /**
   * Tuning defaults, measured with {@code bin/silver bench} (README, Performance). Unlike the
   * required properties, a value the user set (a {@code -Dspark...} JVM option, or a Glue job's
   * {@code --conf}) wins over these.
   */
  public static Map<String, String> tuningDefaults() {
    Map<String, String> properties = new LinkedHashMap<>();
    // A job caches its resolved rows once and reads them twice (Silver, quarantine). Compressing
    // the cache cost more CPU than the whole resolution (5.5 of 14 s on 2 M events); uncompressed,
    // the cache of a 10x history still fits or spills (MEMORY_AND_DISK).
    properties.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
    return properties;
  }

  /**
   * Properties for a single-machine run: loopback only, no UI, few shuffle partitions, local files
   * without a process per file.
   */
  public static Map<String, String> localProperties(int shufflePartitions) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spark.master", "local[*]");
    properties.put("spark.driver.bindAddress", "127.0.0.1");
    properties.put("spark.driver.host", "127.0.0.1");
    properties.put("spark.ui.enabled", "false");
    properties.put("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
    properties.put("spark.scheduler.mode", "FAIR");
    // On one machine, listing files on the driver beats launching a Spark job to list them.
    properties.put("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
    // A local warehouse: set file permissions without a chmod process per file. Set on the
    // SparkConf, since Hadoop caches the first file: file system the process opens.
    InProcessPermissionsFileSystem.hadoopProperties()
        .forEach((key, value) -> properties.put("spark.hadoop." + key, value));
    return properties;
  }

  public static SparkSession create(String appName, Map<String, String> properties) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    properties.forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * Registers a catalog and its object store on a running session, creating a local warehouse
   * folder if needed. Hadoop properties are set on the session's SQL configuration, from which
   * every file system Spark and the Bronze reader open takes its settings.
   */
  public static void register(SparkSession spark, CatalogSettings catalog) {
    catalog.prepareLocalWarehouse();
    JdbcCatalogTables.ensure(catalog);
    catalog.sparkProperties().forEach((key, value) -> spark.conf().set(key, value));
    Map<String, String> hadoop = new LinkedHashMap<>(catalog.objectStore().hadoopProperties());
    hadoop.putAll(
        ObjectStoreSettings.s3SchemeFileSystem(
            spark
                .sparkContext()
                .hadoopConfiguration()
                .get(ObjectStoreSettings.S3_SCHEME_FILE_SYSTEM)));
    hadoop.forEach((key, value) -> spark.conf().set(key, value));
  }
}
