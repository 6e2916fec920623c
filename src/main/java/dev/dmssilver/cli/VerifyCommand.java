package dev.dmssilver.cli;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.job.Verification;
import dev.dmssilver.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description =
        "Compare live Silver tables and their quarantine rows with a full rebuild of Bronze, row by"
            + " row, writing nothing. Exit code 0 if they are the same, 1 if not.",
    mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BronzeOptions bronze;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @ArgGroup(exclusive = true, multiplicity = "1")
  JobSelection selection;

  @Override
  public Integer call() {
    Contracts known = contracts.load();
    List<Contract> selected = selection.of(known);
    RunSettings settings = RunSettings.of(bronze.settings(), catalog.settings(objectStore), known);
    SparkSession spark = engine.start("silver verify", settings.catalog());
    TextTable table =
        new TextTable(
            Arrays.asList("table", "live rows", "rebuilt rows", "only live", "only rebuilt", ""));
    List<String> examples = new ArrayList<>();
    boolean same = true;
    for (Contract contract : selected) {
      for (Verification.Difference difference : Verification.verify(spark, settings, contract)) {
        same &= difference.same();
        table.addRow(
            Arrays.asList(
                difference.table,
                String.format("%,d", difference.liveRows),
                String.format("%,d", difference.rebuiltRows),
                String.format("%,d", difference.onlyLive),
                String.format("%,d", difference.onlyRebuilt),
                difference.same() ? "same" : "DIFFERENT"));
        for (String example : difference.examples) {
          examples.add("  " + difference.table + " " + example);
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(table.render());
    if (!examples.isEmpty()) {
      out.println("Differing rows (up to 5 each way per table):");
      examples.forEach(out::println);
    }
    out.println(
        same
            ? "Silver is what a full rebuild of Bronze would publish now."
            : "Silver differs from a full rebuild of Bronze; `silver run --incremental"
                + " --rebuild-state` (or a plain run) publishes the rebuild.");
    out.flush();
    return same ? 0 : SilverException.Kind.INVARIANT.exitCode();
  }
}
