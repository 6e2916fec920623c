package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;

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
    // reasons is an array, which contracts cannot declare, so this DDL is written out here.
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + qualifiedName()
            + " (`table_name` string, `record_key` string, `reasons` array<string>,"
            + " `record` string, `source_op` string, `source_commit_timestamp` timestamp,"
            + " `source_file` string, `run_id` string, `quarantined_at` timestamp)"
            + " USING iceberg PARTITIONED BY (`table_name`)"
            + " COMMENT 'Current-state rows that failed their contract, with the reasons why'"
            + " TBLPROPERTIES ("
            + SilverTables.propertiesDdl()
            + ")");
  }
}
