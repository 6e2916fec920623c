package dev.dmssilver.cli;

import static org.apache.spark.sql.functions.col;

import dev.dmssilver.audit.SnapshotDiff;
import dev.dmssilver.audit.SnapshotSelector;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.Preflight;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.quality.QuarantineColumns;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    description = {
      "Compare two snapshots of a table by business key. Prints one line per differing key:",
      "added<TAB>key, removed<TAB>key or changed<TAB>key (composite keys joined with |),",
      "then a summary line. S1 and S2 are snapshot ids, tags, branches or UTC times."
    },
    mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TableOption table;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @Option(names = "--from", required = true, paramLabel = "S1", description = "The older state.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "S2", description = "The newer state.")
  String to;

  @Option(
      names = "--columns",
      arity = "0..1",
      description = "Also show, for changed keys, each changed column: old -> new.")
  boolean columns;

  @Override
  public Integer call() {
    List<String> keys = keysOf(table.name, contracts.load());
    CatalogSettings settings = catalog.settings(objectStore);
    SparkSession spark = engine.start("silver diff", settings);
    Preflight.checkCatalog(spark, settings);
    Table iceberg = table.load(spark, settings);
    Snapshot older = SnapshotSelector.select(iceberg, from);
    Snapshot newer = SnapshotSelector.select(iceberg, to);

    String name = settings.qualified(table.name);
    Dataset<Row> before =
        spark.sql("SELECT * FROM " + name + " VERSION AS OF " + older.snapshotId());
    Dataset<Row> after =
        spark.sql("SELECT * FROM " + name + " VERSION AS OF " + newer.snapshotId());
    SnapshotDiff diff = SnapshotDiff.of(keys, before.columns(), after.columns());
    Dataset<Row> compared = diff.compare(before, after).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> counts = new TreeMap<>();
      for (Row row : compared.groupBy(SnapshotDiff.CHANGE).count().collectAsList()) {
        counts.put(row.getString(0), row.getLong(1));
      }
      PrintWriter out = spec.commandLine().getOut();
      List<Column> order = new ArrayList<>();
      for (String key : keys) {
        order.add(col(key));
      }
      order.add(col(SnapshotDiff.CHANGE));
      Iterator<Row> differing =
          compared
              .where(col(SnapshotDiff.CHANGE).notEqual(SnapshotDiff.UNCHANGED))
              .orderBy(order.toArray(new Column[0]))
              .select(SnapshotDiff.CHANGE, SnapshotDiff.KEY, SnapshotDiff.CHANGES)
              .toLocalIterator();
      while (differing.hasNext()) {
        Row row = differing.next();
        String line = row.getString(0) + "\t" + oneLine(row.getString(1));
        if (columns && SnapshotDiff.CHANGED.equals(row.getString(0))) {
          line += "\t" + oneLine(row.getString(2));
        }
        out.println(line);
      }
      out.println(summary(older, newer, counts, diff));
      out.flush();
    } finally {
      compared.unpersist();
    }
    return 0;
  }

  private static List<String> keysOf(String table, Contracts contracts) {
    if (table.equals(QuarantineTable.NAME)) {
      return QuarantineColumns.KEY;
    }
    return contracts.get(table).key();
  }

  private String summary(
      Snapshot older, Snapshot newer, Map<String, Long> counts, SnapshotDiff diff) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "Compared %s snapshot %d (%s) with snapshot %d (%s): %,d added, %,d removed,"
                    + " %,d changed, %,d unchanged",
                table.name,
                older.snapshotId(),
                Instant.ofEpochMilli(older.timestampMillis()),
                newer.snapshotId(),
                Instant.ofEpochMilli(newer.timestampMillis()),
                counts.getOrDefault(SnapshotDiff.ADDED, 0L),
                counts.getOrDefault(SnapshotDiff.REMOVED, 0L),
                counts.getOrDefault(SnapshotDiff.CHANGED, 0L),
                counts.getOrDefault(SnapshotDiff.UNCHANGED, 0L)));
    if (!diff.columnsOnlyInTo().isEmpty()) {
      text.append("; columns added since, not compared: ").append(diff.columnsOnlyInTo());
    }
    if (!diff.columnsOnlyInFrom().isEmpty()) {
      text.append("; columns dropped since, not compared: ").append(diff.columnsOnlyInFrom());
    }
    return text.append('.').toString();
  }

  private static String oneLine(String text) {
    return text.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
