package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.PartitionField;
import dev.dmssilver.contract.SqlIdentifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Creates Silver tables from their contracts when missing, and checks existing ones still match:
 * Iceberg format v2, Parquet, Athena-readable types, hidden partitioning for facts. A column the
 * contract gained is added to the table; any other difference stops the job before it writes.
 */
public final class SilverTables {
  private final SparkSession spark;
  private final CatalogSettings catalog;

  public SilverTables(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Table properties every table we create gets. */
  static Map<String, String> tableProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("format-version", "2");
    properties.put("write.format.default", "parquet");
    // Six jobs share the quarantine table; retry commits that lose the race instead of failing.
    properties.put("commit.retry.num-retries", "20");
    properties.put("commit.retry.min-wait-ms", "100");
    properties.put("commit.retry.max-wait-ms", "5000");
    return properties;
  }

  /** {@link #tableProperties()} as the body of a TBLPROPERTIES clause. */
  static String propertiesDdl() {
    List<String> properties = new ArrayList<>();
    tableProperties()
        .forEach((key, value) -> properties.add(sqlString(key) + "=" + sqlString(value)));
    return String.join(", ", properties);
  }

  public void ensureDatabase() {
    spark.sql(
        "CREATE NAMESPACE IF NOT EXISTS "
            + catalog.catalogName()
            + "."
            + SqlIdentifier.quoted(catalog.database()));
  }

  /** Creates the Silver table for {@code contract} if missing, else checks and evolves it. */
  public void ensure(Contract contract) {
    String name = catalog.qualified(contract.table());
    if (!exists(name)) {
      create(
          name,
          contract.silverColumns(),
          contract.partition().map(PartitionField::sparkDdl),
          contract.description());
      return;
    }
    checkAndEvolve(name, contract);
  }

  void create(
      String name, List<ColumnSpec> columns, Optional<String> partitionDdl, String comment) {
    List<String> definitions = new ArrayList<>();
    for (ColumnSpec column : columns) {
      definitions.add(SqlIdentifier.quoted(column.name()) + " " + column.type().sqlName());
    }
    String ddl =
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " ("
            + String.join(", ", definitions)
            + ") USING iceberg"
            + partitionDdl.map(partition -> " PARTITIONED BY (" + partition + ")").orElse("")
            + (comment.isEmpty() ? "" : " COMMENT " + sqlString(comment))
            + " TBLPROPERTIES ("
            + propertiesDdl()
            + ")";
    spark.sql(ddl);
  }

  static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
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
