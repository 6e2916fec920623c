package dev.dmssilver.cli;

import dev.dmssilver.audit.SnapshotComparison;
import dev.dmssilver.audit.SnapshotSelector;
import dev.dmssilver.job.Preflight;
import dev.dmssilver.lakehouse.CatalogSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
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
    List<String> keys = SnapshotComparison.keysOf(table.name, contracts.load());
    CatalogSettings settings = catalog.settings(objectStore);
    SparkSession spark = engine.start("silver diff", settings);
    Preflight.checkCatalog(spark, settings);
    Table iceberg = table.load(spark, settings);
    Snapshot older = SnapshotSelector.select(iceberg, from);
    Snapshot newer = SnapshotSelector.select(iceberg, to);
    PrintWriter out = spec.commandLine().getOut();
    String summary =
        new SnapshotComparison(spark, table.name, settings.qualified(table.name), keys)
            .compare(older, newer, columns, out::println);
    out.println(summary);
    out.flush();
    return 0;
  }
}
