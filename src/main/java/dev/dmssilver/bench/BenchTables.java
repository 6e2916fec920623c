package dev.dmssilver.bench;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;

/**
 * The tables of one benchmark warehouse, through Iceberg's own catalog: what an incremental run
 * changes, and how to put them back where they were so that the next timed run starts alike.
 */
final class BenchTables {
  final CatalogSettings catalog;
  private final Catalog iceberg;
  private final Map<String, Long> remembered = new LinkedHashMap<>();

  private BenchTables(CatalogSettings catalog, Catalog iceberg) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.iceberg = requireNonNull(iceberg, "iceberg is null");
  }

  /** A new warehouse, registered in this Spark session under {@code catalogName}. */
  static BenchTables of(SparkSession spark, Path warehouse, String catalogName) {
    CatalogSettings catalog =
        new CatalogSettings(
            warehouse.toString(), "local", CatalogSettings.DATABASE_DEFAULT, catalogName);
    SparkSessions.register(spark, catalog);
    return new BenchTables(catalog, icebergCatalog(spark, catalog));
  }

  /** A warehouse that {@code bin/silver} processes write, under the default catalog name. */
  static BenchTables ofProcess(SparkSession spark, Path warehouse) {
    CatalogSettings catalog = CatalogSettings.local(warehouse.toString());
    return new BenchTables(catalog, icebergCatalog(spark, catalog));
  }

  private static Catalog icebergCatalog(SparkSession spark, CatalogSettings catalog) {
    return CatalogUtil.buildIcebergCatalog(
        catalog.catalogName(),
        catalog.icebergCatalogProperties(),
        spark.sparkContext().hadoopConfiguration());
  }

  /** Silver, the quarantine and the job's state tables. */
  List<String> jobTables(Contract job) {
    List<String> tables = new ArrayList<>();
    tables.add(job.table());
    tables.add(QuarantineTable.NAME);
    tables.add(StateStore.ownTable(job.table()));
    tables.add(StateStore.filesTable(job.table()));
    for (Enrichment enrichment : job.enrichments()) {
      tables.add(StateStore.sourceTable(job.table(), enrichment.fromContract()));
    }
    return tables;
  }

  /** Remembers each table's current snapshot. */
  void remember(List<String> tables) {
    for (String table : tables) {
      remembered.put(table, load(table).currentSnapshot().snapshotId());
    }
  }

  /** Puts each remembered table back at its remembered snapshot. */
  void rollBack() {
    for (Map.Entry<String, Long> table : remembered.entrySet()) {
      Table loaded = load(table.getKey());
      if (loaded.currentSnapshot().snapshotId() != table.getValue()) {
        loaded.manageSnapshots().rollbackTo(table.getValue()).commit();
      }
    }
  }

  private Table load(String table) {
    return iceberg.loadTable(TableIdentifier.of(catalog.database(), table));
  }
}
