package dev.dmssilver.testing;

import dev.dmssilver.lakehouse.CatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Reads the tables another process (bin/silver) wrote into a local warehouse, through a fresh
 * Iceberg catalog each time: no cached table state, and the same catalog name as the jobs use (the
 * JDBC catalog files tables under it). Rows come back as sorted lines, for whole-table compares.
 */
public final class WarehouseReader {
  private WarehouseReader() {}

  public static List<String> rows(Path warehouse, String table, String... columns) {
    return rows(CatalogSettings.local(warehouse.toString()), table, columns);
  }

  /** The same, for any catalog the jobs can use (a PostgreSQL one, say). */
  public static List<String> rows(CatalogSettings settings, String table, String... columns) {
    Map<String, String> properties = new HashMap<>();
    String prefix = "spark.sql.catalog." + settings.catalogName() + ".";
    settings
        .sparkProperties()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                properties.put(key.substring(prefix.length()), value);
              }
            });
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize(settings.catalogName(), properties);
    try {
      Table loaded = catalog.loadTable(TableIdentifier.of(settings.database(), table));
      List<String> lines = new ArrayList<>();
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(loaded).select(columns).build()) {
        for (Record record : records) {
          List<String> cells = new ArrayList<>();
          for (String column : columns) {
            cells.add(String.valueOf(record.getField(column)));
          }
          lines.add(String.join("|", cells));
        }
      }
      lines.sort(null);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      catalog.close();
    }
  }

  /** fact_orders and its quarantine slice, in one map: the state a crash test compares. */
  public static Map<String, List<String>> ordersState(Path warehouse) {
    return ordersState(CatalogSettings.local(warehouse.toString()));
  }

  public static Map<String, List<String>> ordersState(CatalogSettings warehouse) {
    Map<String, List<String>> state = new HashMap<>();
    state.put(
        "fact_orders",
        rows(
            warehouse,
            "fact_orders",
            "order_id",
            "customer_id",
            "order_date",
            "order_status",
            "updated_at"));
    state.put(
        "quarantine",
        rows(warehouse, "quarantine", "table_name", "record_key", "reasons", "record"));
    return state;
  }
}
