package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.PartitionField;
import dev.dmssilver.contract.SqlIdentifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.source.HasIcebergCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.Tasks;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Creates Silver tables from their contracts when missing, and checks existing ones still match:
 * Iceberg format v2, Parquet, Athena-readable types, hidden partitioning for facts. A column the
 * contract gained is added to the table; any other difference stops the job before it writes.
 *
 * <p>A table is created without a snapshot: its first snapshot is the first run's rows, with its
 * run id. Runs racing to create the same table cannot leave it half made: the loser finds it
 * created.
 */
public final class SilverTables {
  private static final int NAMESPACE_RETRIES = 9;

  private final SparkSession spark;
  private final CatalogSettings catalog;

  public SilverTables(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Table properties every table we create gets. */
  public static Map<String, String> tableProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("format-version", "2");
    properties.put("write.format.default", "parquet");
    // Six jobs share the quarantine table; retry commits that lose the race instead of failing.
    properties.put("commit.retry.num-retries", "20");
    properties.put("commit.retry.min-wait-ms", "100");
    properties.put("commit.retry.max-wait-ms", "5000");
    // A run stages a table's first snapshot with a write-audit-publish id (FirstSnapshot).
    properties.put(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED, "true");
    return properties;
  }

  public void ensureDatabase() {
    SupportsNamespaces namespaces =
        (SupportsNamespaces) spark.sessionState().catalogManager().catalog(catalog.catalogName());
    // Runs racing on a new catalog: the JDBC catalog reports a lost race as a failed INSERT, and
    // SQLite can refuse both racers at once. Look again, then try again.
    Tasks.foreach(catalog.database())
        .retry(NAMESPACE_RETRIES)
        .exponentialBackoff(200, 2_000, 60_000, 2.0)
        .throwFailureWhenFinished()
        .run(namespace -> createIfMissing(namespaces, namespace));
  }

  private static void createIfMissing(SupportsNamespaces namespaces, String database) {
    String[] namespace = {database};
    if (namespaces.namespaceExists(namespace)) {
      return;
    }
    try {
      namespaces.createNamespace(namespace, Collections.emptyMap());
    } catch (NamespaceAlreadyExistsException e) {
      // another run created it a moment ago: just as good
    }
  }

  /** Creates the Silver table for {@code contract} if missing, else checks and evolves it. */
  public void ensure(Contract contract) {
    String name = catalog.qualified(contract.table());
    if (!exists(name)) {
      StructType schema = new StructType();
      for (ColumnSpec column : contract.silverColumns()) {
        schema = schema.add(column.name(), column.type().sparkType(), true);
      }
      create(
          contract.table(),
          schema,
          (builder, unused) ->
              contract.partition().map(field -> field.applyTo(builder)).orElse(builder),
          contract.description());
      return;
    }
    checkAndEvolve(name, contract);
  }

  /** Creates a table, with no snapshot yet. If another run created it first, that table stands. */
  void create(
      String table,
      StructType sparkSchema,
      BiFunction<PartitionSpec.Builder, Schema, PartitionSpec.Builder> partitioning,
      String comment) {
    Schema schema = SparkSchemaUtil.convert(sparkSchema);
    Map<String, String> properties = tableProperties();
    if (!comment.isEmpty()) {
      properties.put("comment", comment);
    }
    try {
      // Either step finds the table if another run created it meanwhile: preparing the
      // transaction checks first, committing it checks again.
      Transaction creation =
          icebergCatalog()
              .buildTable(TableIdentifier.of(catalog.database(), table), schema)
              .withPartitionSpec(
                  partitioning.apply(PartitionSpec.builderFor(schema), schema).build())
              .withProperties(properties)
              .createTransaction();
      creation.commitTransaction();
    } catch (AlreadyExistsException e) {
      // Another run created the table while this one was preparing to: use theirs.
    }
  }

  /** The Iceberg table {@code table} of the Silver database, or empty if it does not exist. */
  public Optional<Table> find(String table) {
    String name = catalog.qualified(table);
    return exists(name) ? Optional.of(load(name)) : Optional.empty();
  }

  /**
   * The Iceberg table {@code table} of the Silver database; if it does not exist, a configuration
   * error that says what could not be done ({@code purpose}: "maintain", "read", ...) and where.
   */
  public Table require(String table, String purpose) {
    return find(table)
        .orElseThrow(
            () ->
                new SilverException(
                    SilverException.Kind.CONFIGURATION,
                    "Cannot "
                        + purpose
                        + " "
                        + table
                        + ": there is no such table in "
                        + catalog.describe()));
  }

  boolean exists(String name) {
    // Spark 3.3's Catalog.tableExists only understands two-part names: ask Iceberg instead.
    try {
      Spark3Util.loadIcebergTable(spark, name);
      return true;
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      return false;
    } catch (ParseException e) {
      throw new SilverException(
          SilverException.Kind.LAKEHOUSE, "Cannot parse table name " + name, e);
    }
  }

  private Catalog icebergCatalog() {
    return ((HasIcebergCatalog)
            spark.sessionState().catalogManager().catalog(catalog.catalogName()))
        .icebergCatalog();
  }

  private void checkAndEvolve(String name, Contract contract) {
    StructType existing = spark.table(name).schema();
    Map<String, DataType> existingTypes = new LinkedHashMap<>();
    for (StructField field : existing.fields()) {
      existingTypes.put(field.name(), field.dataType());
    }
    List<ColumnSpec> added = new ArrayList<>();
    for (ColumnSpec column : contract.silverColumns()) {
      DataType type = existingTypes.remove(column.name());
      if (type == null) {
        added.add(column);
      } else if (!type.equals(column.type().sparkType())) {
        throw new SilverException(
            SilverException.Kind.LAKEHOUSE,
            String.format(
                "Cannot write %s: column %s is %s in the table but %s in the contract. Changing a"
                    + " column's type needs a deliberate migration",
                name, column.name(), type.simpleString(), column.type()));
      }
    }
    if (!existingTypes.isEmpty()) {
      throw new SilverException(
          SilverException.Kind.LAKEHOUSE,
          String.format(
              "Cannot write %s: the table has columns %s that the contract does not declare."
                  + " Dropping columns needs a deliberate migration",
              name, existingTypes.keySet()));
    }
    checkPartitioning(name, contract.partition());
    for (ColumnSpec column : added) {
      spark.sql(
          "ALTER TABLE "
              + name
              + " ADD COLUMN "
              + SqlIdentifier.quoted(column.name())
              + " "
              + column.type().sqlName());
    }
  }

  private void checkPartitioning(String name, Optional<PartitionField> expected) {
    PartitionSpec spec = load(name).spec();
    String actual = describe(spec);
    String wanted =
        expected.map(field -> field.icebergTransform() + "(" + field.column() + ")").orElse("");
    if (!actual.equals(wanted)) {
      throw new SilverException(
          SilverException.Kind.LAKEHOUSE,
          String.format(
              "Cannot write %s: the table is partitioned by [%s] but the contract says [%s]",
              name, actual, wanted));
    }
  }

  static String describe(PartitionSpec spec) {
    List<String> fields = new ArrayList<>();
    for (org.apache.iceberg.PartitionField field : spec.fields()) {
      Types.NestedField source = spec.schema().findField(field.sourceId());
      fields.add(field.transform().toString() + "(" + source.name() + ")");
    }
    return String.join(", ", fields);
  }

  Table load(String name) {
    try {
      return Spark3Util.loadIcebergTable(spark, name);
    } catch (ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new SilverException(SilverException.Kind.LAKEHOUSE, "Cannot load table " + name, e);
    }
  }
}
