package dev.dmssilver.cli;

import dev.dmssilver.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Prints a query result in one of the {@link OutputFormat}s, with Spark's own value rendering. */
final class QueryOutput {
  private QueryOutput() {}

  /** Prints at most {@code maxRows} rows; returns how many rows were printed. */
  static int print(Dataset<Row> result, OutputFormat format, int maxRows, PrintWriter out) {
    String[] names = result.columns();
    if (names.length == 0) {
      return 0;
    }
    if (format == OutputFormat.json) {
      List<String> lines = result.toJSON().limit(maxRows).collectAsList();
      for (String line : lines) {
        out.println(line);
      }
      return lines.size();
    }
    // Casting to string renders dates, timestamps (UTC), decimals and arrays as Spark SQL does.
    List<Column> asText = new ArrayList<>();
    for (String name : names) {
      asText.add(result.col(quoted(name)).cast(DataTypes.StringType));
    }
    List<Row> rows = result.select(asText.toArray(new Column[0])).limit(maxRows).collectAsList();
    if (format == OutputFormat.tsv) {
      out.println(String.join("\t", escaped(Arrays.asList(names))));
      for (Row row : rows) {
        out.println(String.join("\t", escaped(cells(row))));
      }
      return rows.size();
    }
    TextTable table = new TextTable(Arrays.asList(names));
    for (Row row : rows) {
      table.addRow(cells(row));
    }
    out.print(table.render());
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    return rows.size();
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      cells.add(row.isNullAt(i) ? null : row.getString(i));
    }
    return cells;
  }

  private static List<String> escaped(List<String> cells) {
    List<String> escaped = new ArrayList<>();
    for (String cell : cells) {
      escaped.add(
          cell == null
              ? ""
              : cell.replace("\\", "\\\\")
                  .replace("\t", "\\t")
                  .replace("\n", "\\n")
                  .replace("\r", "\\r"));
    }
    return escaped;
  }
}
