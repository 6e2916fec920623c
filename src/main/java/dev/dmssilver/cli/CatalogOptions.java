package dev.dmssilver.cli;

import dev.dmssilver.lakehouse.CatalogSettings;
import picocli.CommandLine.Option;

/** Where Silver lives: shared by every command that reads or writes tables. */
final class CatalogOptions {
  /** The AWS SDKs' own variable for a service's endpoint, honoured here for Glue. */
  static final String GLUE_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_GLUE";

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

  @Option(
      names = "--glue-endpoint",
      paramLabel = "URL",
      description =
          "With --catalog glue: the Glue API's endpoint (a VPC endpoint, or a Glue double such as"
              + " moto_server). Default: AWS_ENDPOINT_URL_GLUE if set, else AWS's own.")
  String glueEndpoint;

  CatalogSettings settings(ObjectStoreOptions objectStore) {
    CatalogSettings settings =
        new CatalogSettings(
            warehouse,
            catalog,
            database,
            CatalogSettings.CATALOG_NAME_DEFAULT,
            objectStore.settings());
    if (glueEndpoint != null) {
      return glueEndpoint.isEmpty() ? settings : settings.withGlueEndpoint(glueEndpoint);
    }
    // The environment's endpoint serves the Glue catalog only; other catalogs ignore it.
    String fromEnvironment = System.getenv(GLUE_ENDPOINT_VARIABLE);
    if (fromEnvironment == null
        || fromEnvironment.isEmpty()
        || settings.kind() != CatalogSettings.Kind.GLUE) {
      return settings;
    }
    return settings.withGlueEndpoint(fromEnvironment);
  }
}
