package dev.dmssilver.cli;

import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.SilverTables;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --table T}: one table of the Silver database, for the audit commands. */
final class TableOption {
  @Option(
      names = "--table",
      required = true,
      paramLabel = "NAME",
      description = "The table: a Silver table (fact_orders, ...) or quarantine.")
  String name;

  Table load(SparkSession spark, CatalogSettings catalog) {
    return new SilverTables(spark, catalog).require(name, "read");
  }
}
