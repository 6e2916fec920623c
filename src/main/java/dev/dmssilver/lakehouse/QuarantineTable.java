package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.quality.QuarantineColumns;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The one quarantine table all entities share, partitioned by {@code table_name} so that each job
 * replaces its own slice with a metadata-only overwrite and never touches another job's rows.
 */
public final class QuarantineTable {
  public static final String NAME = "quarantine";
  public static final String TABLE_NAME_COLUMN = QuarantineColumns.TABLE_NAME;

  static final StructType SCHEMA = QuarantineColumns.SCHEMA;

  private final SparkSession spark;
  private final CatalogSettings catalog;

  public QuarantineTable(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public String qualifiedName() {
    return catalog.qualified(NAME);
  }

  public void ensure() {
    SilverTables tables = new SilverTables(spark, catalog);
    if (tables.exists(qualifiedName())) {
      return;
    }
    tables.create(
        NAME,
        SCHEMA,
        (builder, schema) -> builder.identity(TABLE_NAME_COLUMN),
        "Current-state rows that failed their contract, with the reasons why");
  }
}
