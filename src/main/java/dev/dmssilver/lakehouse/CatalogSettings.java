package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.Causes;
import dev.dmssilver.SilverException;
import dev.dmssilver.contract.SqlIdentifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where Silver lives: a warehouse location, the Iceberg catalog that tracks its tables, the
 * database name, and how to reach S3. Everything environment-specific ends up as Spark and Iceberg
 * properties produced here, so a laptop, an S3-compatible server and AWS Glue differ only in
 * configuration.
 *
 * <ul>
 *   <li>{@code local}: an Iceberg JDBC catalog in a SQLite file inside a local warehouse.
 *   <li>{@code jdbc:<url>}: an Iceberg JDBC catalog in any database (SQLite, PostgreSQL).
 *   <li>{@code glue}: the AWS Glue Data Catalog (Iceberg's GlueCatalog), tables in S3.
 * </ul>
 */
public final class CatalogSettings {
  /** The Spark catalog name the jobs register; also the default catalog for the sql command. */
  public static final String CATALOG_NAME_DEFAULT = "lakehouse";

  public static final String DATABASE_DEFAULT = "silver";
  public static final String LOCAL_CATALOG_FILE = "catalog.db";

  /** Which kind of Iceberg catalog. */
  public enum Kind {
    LOCAL,
    JDBC,
    GLUE
  }

  private final String warehouse;
  private final Kind kind;
  private final String jdbcUrl;
  private final String database;
  private final String catalogName;
  private final ObjectStoreSettings objectStore;

  /**
   * The Glue API's endpoint when not AWS's own for the region: a VPC endpoint, or a test double.
   */
  private final String glueEndpoint;

  /**
   * @param warehouse a local path, or an s3:// or s3a:// URI
   * @param catalog {@code local}, {@code glue} or {@code jdbc:<url>}
   * @param database the Silver database (namespace)
   * @param catalogName the name Spark knows the catalog by
   * @param objectStore how to reach S3, for S3 warehouses and the Glue catalog
   */
  public CatalogSettings(
      String warehouse,
      String catalog,
      String database,
      String catalogName,
      ObjectStoreSettings objectStore) {
    requireNonNull(catalog, "catalog is null");
    this.kind = kindOf(catalog);
    this.warehouse = normalizeWarehouse(requireNonNull(warehouse, "warehouse is null"));
    this.database = SqlIdentifier.checked("database", database);
    this.catalogName = SqlIdentifier.checked("catalog name", catalogName);
    this.objectStore = requireNonNull(objectStore, "objectStore is null");
    this.jdbcUrl =
        kind == Kind.LOCAL
            ? "jdbc:sqlite:" + this.warehouse + File.separator + LOCAL_CATALOG_FILE
            : kind == Kind.JDBC ? catalog : null;
    checkCombination(catalog);
    this.glueEndpoint = null;
  }

  private CatalogSettings(CatalogSettings settings, String glueEndpoint) {
    this.warehouse = settings.warehouse;
    this.kind = settings.kind;
    this.jdbcUrl = settings.jdbcUrl;
    this.database = settings.database;
    this.catalogName = settings.catalogName;
    this.objectStore = settings.objectStore;
    this.glueEndpoint = glueEndpoint;
  }

  /**
   * The same settings, with the Glue API at {@code endpoint} (an http:// or https:// URL): a VPC
   * endpoint, or a Glue double such as moto_server. Only for {@code --catalog glue}.
   */
  public CatalogSettings withGlueEndpoint(String endpoint) {
    if (kind != Kind.GLUE) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot use --glue-endpoint " + endpoint + " without --catalog glue");
    }
    ObjectStoreSettings.checkHttpUrl("--glue-endpoint", endpoint);
    return new CatalogSettings(this, endpoint);
  }

  public CatalogSettings(String warehouse, String catalog, String database, String catalogName) {
    this(warehouse, catalog, database, catalogName, ObjectStoreSettings.defaults());
  }

  public static CatalogSettings local(String warehouse) {
    return new CatalogSettings(warehouse, "local", DATABASE_DEFAULT, CATALOG_NAME_DEFAULT);
  }

  private static Kind kindOf(String catalog) {
    String lower = catalog.toLowerCase(Locale.ROOT);
    if (lower.equals("local")) {
      return Kind.LOCAL;
    }
    if (lower.equals("glue")) {
      return Kind.GLUE;
    }
    if (lower.startsWith("jdbc:")) {
      return Kind.JDBC;
    }
    throw new SilverException(
        SilverException.Kind.CONFIGURATION,
        String.format(
            "Cannot use --catalog %s: expected local, glue or jdbc:<url>", redacted(catalog)));
  }

  /** S3 warehouses are recorded as s3:// whatever the scheme given: Athena reads only s3://. */
  private static String normalizeWarehouse(String warehouse) {
    String trimmed = warehouse;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (ObjectStoreSettings.isS3(trimmed)) {
      return "s3://" + trimmed.substring(trimmed.indexOf("://") + 3);
    }
    if (trimmed.contains("://") || trimmed.startsWith("file:")) {
      return trimmed;
    }
    return new File(trimmed).getAbsolutePath();
  }

  private void checkCombination(String catalog) {
    boolean s3Warehouse = isS3Warehouse();
    if (kind == Kind.LOCAL && s3Warehouse) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot use --catalog local with the S3 warehouse %s: the local catalog is a SQLite"
                  + " file on this machine, so tables written to S3 would be unknown to every"
                  + " other machine and lost with this one. On AWS use --catalog glue (Athena and"
                  + " dbt see the tables); to share a catalog between writers use --catalog"
                  + " jdbc:postgresql://host/db; if one machine really is all you need, name the"
                  + " file: --catalog jdbc:sqlite:/path/catalog.db",
              warehouse));
    }
    if (kind == Kind.GLUE && !s3Warehouse) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot use --catalog glue with the warehouse %s: Glue Data Catalog tables live in"
                  + " S3, so --warehouse must be an s3:// URI",
              warehouse));
    }
    if (kind == Kind.JDBC && catalog.length() <= "jdbc:".length()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot use --catalog jdbc: without a URL");
    }
  }

  /** Creates the local warehouse folder that holds a SQLite catalog: SQLite makes no folders. */
  public void prepareLocalWarehouse() {
    if (kind != Kind.LOCAL) {
      return;
    }
    try {
      Files.createDirectories(Paths.get(warehouse));
      if (!Files.isWritable(Paths.get(warehouse))) {
        throw new IOException("not writable");
      }
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot create the local warehouse folder " + warehouse + ": " + e.getMessage(),
          e);
    }
  }

  public Kind kind() {
    return kind;
  }

  public String warehouse() {
    return warehouse;
  }

  public boolean isS3Warehouse() {
    return ObjectStoreSettings.isS3(warehouse);
  }

  public String database() {
    return database;
  }

  public String catalogName() {
    return catalogName;
  }

  public ObjectStoreSettings objectStore() {
    return objectStore;
  }

  /**
   * The error for a catalog that cannot be used: UNAVAILABLE if it cannot be reached, else
   * LAKEHOUSE. Only the root cause is kept, redacted: wrappers can repeat the JDBC URL, password
   * included.
   */
  public SilverException cannotConnect(Throwable failure) {
    java.util.Optional<Throwable> denied = SilverException.accessDenied(failure);
    if (denied.isPresent()) {
      return new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot use the catalog %s: access denied: %s; grant the job role that action on"
                  + " that resource (infra/iam.tf)",
              describe(), redacted(String.valueOf(denied.get().getMessage()))),
          denied.get());
    }
    Throwable root = Causes.root(failure);
    return new SilverException(
        SilverException.Kind.unreachableOr(SilverException.Kind.LAKEHOUSE, failure),
        String.format(
            "Cannot connect to the catalog %s: %s",
            describe(), redacted(String.valueOf(root.getMessage()))),
        root);
  }

  /** The catalog for messages: never with a password in it. */
  public String describe() {
    switch (kind) {
      case GLUE:
        return "the Glue Data Catalog"
            + (glueEndpoint != null
                ? " at " + glueEndpoint
                : objectStore.region().map(r -> " in " + r).orElse(""));
      case LOCAL:
        return redacted(jdbcUrl) + " (local)";
      default:
        return redacted(jdbcUrl);
    }
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
    icebergCatalogProperties().forEach((key, value) -> properties.put(prefix + "." + key, value));
    return properties;
  }

  /** The Iceberg catalog's own properties, as Iceberg's catalog classes take them. */
  public Map<String, String> icebergCatalogProperties() {
    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("warehouse", warehouse);
    if (kind == Kind.GLUE) {
      catalog.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
      if (glueEndpoint != null) {
        catalog.put("glue.endpoint", glueEndpoint);
      }
    } else {
      catalog.putAll(JdbcCatalogTables.catalogProperties(jdbcUrl));
    }
    if (isS3Warehouse() || kind == Kind.GLUE) {
      catalog.putAll(objectStore.icebergProperties());
    }
    return catalog;
  }

  /** A JDBC URL with any password replaced, for messages and logs. */
  public static String redacted(String url) {
    return url == null
        ? null
        : url.replaceAll("(?i)(password=)[^&;]*", "$1***")
            .replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
  }
}
