package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.SqlIdentifier;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where Silver lives: a warehouse location, the Iceberg catalog that tracks its tables, and the
 * database name. Everything environment-specific ends up as Spark properties produced here, so
 * local disk, an S3-compatible server and AWS differ only in configuration.
 */
public final class CatalogSettings {
  /** The Spark catalog name the jobs register; also the default catalog for the sql command. */
  public static final String CATALOG_NAME_DEFAULT = "lakehouse";

  public static final String DATABASE_DEFAULT = "silver";
  public static final String LOCAL_CATALOG_FILE = "catalog.db";

  private final String warehouse;
  private final String catalog;
  private final String database;
  private final String catalogName;

  /**
   * @param warehouse a local path or URI where table data and metadata are written
   * @param catalog {@code local} (SQLite file inside a local warehouse) or {@code jdbc:<url>}
   * @param database the Silver database (namespace)
   * @param catalogName the name Spark knows the catalog by
   */
  public CatalogSettings(String warehouse, String catalog, String database, String catalogName) {
    this.warehouse = normalizeWarehouse(requireNonNull(warehouse, "warehouse is null"));
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.database = SqlIdentifier.checked("database", database);
    this.catalogName = SqlIdentifier.checked("catalog name", catalogName);
    if (!isLocal() && !catalog.startsWith("jdbc:")) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format("Cannot use --catalog %s: expected local or jdbc:<url>", catalog));
    }
  }

  public static CatalogSettings local(String warehouse) {
    return new CatalogSettings(warehouse, "local", DATABASE_DEFAULT, CATALOG_NAME_DEFAULT);
  }

  private static String normalizeWarehouse(String warehouse) {
    String trimmed =
        warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    if (trimmed.contains("://") || trimmed.startsWith("file:")) {
      return trimmed;
    }
    return new File(trimmed).getAbsolutePath();
  }

  private boolean isLocal() {
    return "local".equals(catalog.toLowerCase(Locale.ROOT));
  }

  /**
   * Creates the local warehouse folder that holds the SQLite catalog file: SQLite creates the file
   * but not its folder. A no-op for other catalogs.
   */
  public void prepareLocalWarehouse() {
    if (!isLocal()) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Paths.get(warehouse));
    } catch (java.io.IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot create the local warehouse folder " + warehouse + ": " + e.getMessage(),
          e);
    }
  }

  /** The JDBC URL of the catalog database. */
  public String jdbcUrl() {
    if (isLocal()) {
      return "jdbc:sqlite:" + warehouse + File.separator + LOCAL_CATALOG_FILE;
    }
    return catalog;
  }

  public String warehouse() {
    return warehouse;
  }

  public String database() {
    return database;
  }

  public String catalogName() {
    return catalogName;
  }

  /** {@code lakehouse.silver.fact_orders}: a fully qualified, validated table name for SQL. */
  public String qualified(String table) {
    return catalogName + "." + database + "." + SqlIdentifier.checked("table name", table);
  }

  /** The Spark properties that register this catalog. */
  public Map<String, String> sparkProperties() {
    String prefix = "spark.sql.catalog." + catalogName;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    properties.put(prefix + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
    properties.put(prefix + ".uri", jdbcUrl());
    properties.put(prefix + ".warehouse", warehouse);
    // V1 adds view support to the catalog tables; Iceberg asks for it to be chosen explicitly.
    properties.put(prefix + ".jdbc.schema-version", "V1");
    if (jdbcUrl().startsWith("jdbc:sqlite:")) {
      // Six jobs commit at once; SQLite serializes writers, so wait for the lock, don't fail.
      properties.put(prefix + ".jdbc.busy_timeout", "60000");
      properties.put(prefix + ".jdbc.journal_mode", "WAL");
    }
    return properties;
  }
}
