package dev.dmssilver.demo;

import dev.dmssilver.dms.DmsColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the generator wrote, plus the source database's final rows: the state CDC must rebuild. */
public final class GeneratedShop {
  private final DemoSummary summary;
  private final SourceTables tables;
  private final ShopState state;

  GeneratedShop(DemoSummary summary, SourceTables tables, ShopState state) {
    this.summary = summary;
    this.tables = tables;
    this.state = state;
  }

  public DemoSummary summary() {
    return summary;
  }

  /** The live rows of a source table at the end of the history, by column name. */
  public List<Map<String, Object>> currentRows(String sourceTable) {
    for (SourceTable table : tables.all()) {
      if (table.name().equals(sourceTable)) {
        return rowsOf(table);
      }
    }
    throw new IllegalArgumentException("No source table " + sourceTable);
  }

  private List<Map<String, Object>> rowsOf(SourceTable table) {
    List<String> names = new ArrayList<>();
    for (DmsColumn column : table.columnsAt(java.time.Instant.MAX)) {
      names.add(column.name());
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] values : state.liveRows(table)) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        row.put(names.get(i), values[table.indexOf(names.get(i))]);
      }
      rows.add(row);
    }
    return rows;
  }
}
