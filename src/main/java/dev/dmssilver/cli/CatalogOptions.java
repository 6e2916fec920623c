package dev.dmssilver.cli;

import dev.dmssilver.lakehouse.CatalogSettings;
import picocli.CommandLine.Option;

/** Where Silver lives: shared by every command that reads or writes tables. */
final class CatalogOptions {
  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "URI",
      description =
          "Warehouse location for table data and metadata: a local path, s3:// or s3a://.")
  String warehouse;

  @Option(
      names = "--catalog",
      defaultValue = "local",
      paramLabel = "local|jdbc:URL|glue",
      description =
          "Iceberg catalog: local (a SQLite file inside a local warehouse), any JDBC URL (e.g."
              + " jdbc:postgresql://host/db), or glue (the AWS Glue Data Catalog)."
              + " Default: ${DEFAULT-VALUE}.")
  String catalog;

  @Option(
      names = "--database",
      defaultValue = CatalogSettings.DATABASE_DEFAULT,
      paramLabel = "NAME",
      description = "Silver database (namespace). Default: ${DEFAULT-VALUE}.")
  String database;

  CatalogSettings settings(ObjectStoreOptions objectStore) {
    return new CatalogSettings(
        warehouse, catalog, database, CatalogSettings.CATALOG_NAME_DEFAULT, objectStore.settings());
  }
}
