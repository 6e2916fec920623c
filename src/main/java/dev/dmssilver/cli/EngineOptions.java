package dev.dmssilver.cli;

import dev.dmssilver.console.ConsoleMode;
import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** How Spark runs. Off a cluster, Spark runs inside this process on every core. */
final class EngineOptions {
  static final int SHUFFLE_PARTITIONS_LOCAL_DEFAULT = 4;

  @Option(
      names = "--shuffle-partitions",
      paramLabel = "N",
      description =
          "spark.sql.shuffle.partitions. Default: 4 on one machine, Spark's own setting on a"
              + " cluster.")
  Integer shufflePartitions;

  @Option(
      names = "--verbose",
      arity = "0..1",
      description =
          "Stream the step log and Spark's own INFO logging to stderr. On a terminal the step log"
              + " otherwise goes to a file and a live display shows each table's step.")
  boolean verbose;

  /** The display for {@code command}; call before {@link #start}, so Spark's logs follow it. */
  ProgressListener display(String command) {
    return ConsoleMode.start(command, verbose, System.err);
  }

  SparkSession start(String appName, CatalogSettings catalog) {
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
      Configurator.setLevel("dev.dmssilver", Level.DEBUG);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    // spark-submit (EMR, a cluster) sets spark.master; only a bare JVM runs Spark locally.
    if (System.getProperty("spark.master") == null) {
      SparkSessions.localProperties(SHUFFLE_PARTITIONS_LOCAL_DEFAULT)
          .forEach((key, value) -> putUnlessSetByUser(properties, key, value));
    }
    if (shufflePartitions != null) {
      properties.put("spark.sql.shuffle.partitions", shufflePartitions.toString());
    }
    SparkSessions.tuningDefaults()
        .forEach((key, value) -> putUnlessSetByUser(properties, key, value));
    properties.putAll(SparkSessions.requiredProperties());
    properties.put("spark.sql.defaultCatalog", catalog.catalogName());
    SparkSession spark = SparkSessions.create(appName, properties);
    SparkSessions.register(spark, catalog);
    return spark;
  }

  /** A default: a {@code -Dspark...} JVM option (SILVER_JAVA_OPTS) for the same key wins. */
  private static void putUnlessSetByUser(Map<String, String> properties, String key, String value) {
    if (System.getProperty(key) == null) {
      properties.put(key, value);
    }
  }
}
