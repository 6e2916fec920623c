package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one quarantine table all entities share, partitioned by {@code table_name} so that each job
 * replaces its own slice with a metadata-only overwrite and never touches another job's rows.
 */
public final class QuarantineTable {
  public static final String NAME = "quarantine";
  public static final String TABLE_NAME_COLUMN = "table_name";

  /** The columns in table order. {@code reasons} is array&lt;string&gt;, the rest scalars. */
  public static final List<String> COLUMNS =
      Collections.unmodifiableList(
          Arrays.asList(
              "table_name",
              "record_key",
              "reasons",
              "record",
              "source_op",
              "source_commit_timestamp",
              "source_file",
              "run_id",
              "quarantined_at"));

  static final StructType SCHEMA =
      new StructType()
          .add(TABLE_NAME_COLUMN, DataTypes.StringType)
          .add("record_key", DataTypes.StringType)
          .add(SilverTables.stringArray("reasons"))
          .add("record", DataTypes.StringType)
          .add("source_op", DataTypes.StringType)
          .add("source_commit_timestamp", DataTypes.TimestampType)
          .add("source_file", DataTypes.StringType)
          .add("run_id", DataTypes.StringType)
          .add("quarantined_at", DataTypes.TimestampType);

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
