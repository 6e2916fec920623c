package dev.dmssilver.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on a new warehouse both create the quarantine table: the one that comes second finds it
 * already there, whether before its creation transaction or at its commit, and uses it.
 */
class SilverTablesCreateIT {
  @TempDir Path folder;

  @Test
  void creatingATableAnotherRunCreatedKeepsTheirs() {
    SparkSession spark = TestSpark.session();
    CatalogSettings catalog = TestSpark.newLakehouse(folder);
    SilverTables tables = new SilverTables(spark, catalog);
    StructType schema = new StructType().add("id", DataTypes.IntegerType, true);
    tables.create("created_twice", schema, (builder, unused) -> builder, "the first");
    spark.sql("INSERT INTO " + catalog.qualified("created_twice") + " VALUES (1)");

    tables.create("created_twice", schema, (builder, unused) -> builder, "the second");

    Table kept = tables.load(catalog.qualified("created_twice"));
    assertThat(kept.properties()).containsEntry("comment", "the first");
    assertThat(kept.currentSnapshot()).isNotNull();
  }
}
