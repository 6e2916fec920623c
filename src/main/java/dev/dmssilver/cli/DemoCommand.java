package dev.dmssilver.cli;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = {
      "Generate DMS Bronze for a demo shop, run all six jobs on this machine, and summarize.",
      "Bronze goes to DIR/bronze, Silver to DIR/warehouse (Iceberg, SQLite catalog)."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GeneratorOptions generator;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @Option(
      names = "--dir",
      defaultValue = "silver-demo",
      paramLabel = "DIR",
      description = "Where to put Bronze and Silver. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(
      names = "--fresh",
      description =
          "Delete an existing demo warehouse first (by default each demo adds a snapshot).")
  boolean fresh;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path bronze = dir.resolve("bronze").toAbsolutePath();
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    deleteRecursively(bronze);
    if (fresh) {
      deleteRecursively(warehouse);
    }
    DemoData.generate(bronze.toString(), generator.options(), spec.commandLine().getErr());

    Contracts known = contracts.load();
    RunSettings settings =
        RunSettings.of(
            BronzeSettings.withDefaults(bronze.toString()),
            CatalogSettings.local(warehouse.toString()),
            known);
    SparkSession spark = engine.start("silver demo", settings.catalog());
    int exitCode =
        RunCommand.runAndReport(
            spark, settings, new ArrayList<>(known.all()), out, Optional.empty());
    printQueriesToTry(out, dir.resolve("warehouse").toString());
    return exitCode;
  }

  private static void printQueriesToTry(PrintWriter out, String warehouse) {
    String sql = "bin/silver sql --warehouse " + warehouse + " ";
    out.println();
    out.println("Try:");
    out.println(
        "  "
            + sql
            + "\"SELECT order_status, count(*) AS orders FROM silver.fact_orders"
            + " GROUP BY order_status ORDER BY orders DESC\"");
    out.println(
        "  "
            + sql
            + "\"SELECT table_name, reasons, count(*) AS rows FROM silver.quarantine"
            + " GROUP BY table_name, reasons ORDER BY rows DESC\"");
    out.println(
        "  "
            + sql
            + "\"SELECT snapshot_id, committed_at, summary['silver.run-id'] AS run_id"
            + " FROM silver.fact_orders.snapshots\"");
    out.println(
        "  "
            + sql
            + "\"SELECT partition, record_count FROM silver.fact_orders.partitions"
            + " ORDER BY partition\"");
    out.flush();
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(DemoCommand::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }
}
