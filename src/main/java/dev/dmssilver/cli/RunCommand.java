package dev.dmssilver.cli;

import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.report.ReportedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = "Rebuild Silver tables from the full Bronze history of their DMS tables.",
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BronzeOptions bronze;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin MetricsOptions metrics;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;
  @Mixin WriteOptions writes;

  @ArgGroup(exclusive = true, multiplicity = "1")
  JobSelection selection;

  @Option(
      names = "--accept-gate-failure",
      arity = "0..1",
      description =
          "Publish even if the publish gate fails, for a known one-off (e.g. a planned purge)."
              + " The snapshot records that the gate was accepted.")
  boolean acceptGateFailure;

  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description = "Also write a machine-readable summary of the run to FILE.")
  Path summaryJson;

  @Option(
      names = "--max-concurrent-jobs",
      paramLabel = "N",
      description =
          "Run at most N jobs at once (default: all of them). 1 runs them one after another: for"
              + " a small driver, or a catalog without optimistic locking (see docs/setups.md).")
  Integer maxConcurrentJobs;

  @Option(
      names = "--incremental",
      arity = "0..1",
      description =
          "Apply only the Bronze files no earlier incremental run applied, keeping a state in"
              + " silver_state_<job> tables; falls back on the full rebuild, saying why, when it"
              + " must (docs/incremental.md).")
  boolean incremental;

  @Option(
      names = "--rebuild-state",
      arity = "0..1",
      description =
          "With --incremental: rebuild from the whole Bronze history and save the state afresh.")
  boolean rebuildState;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Id recorded on every snapshot and quarantine row. Default: time and random.")
  String runId;

  @Override
  public Integer call() {
    Contracts known = contracts.load();
    List<Contract> selected = selection.of(known);
    if (summaryJson != null) {
      checkWritable(summaryJson);
    }
    RunSettings settings = RunSettings.of(bronze.settings(), catalog.settings(objectStore), known);
    if (runId != null) {
      settings = settings.withRunId(runId);
    }
    if (maxConcurrentJobs != null) {
      if (maxConcurrentJobs < 1) {
        throw new ParameterException(
            spec.commandLine(), "--max-concurrent-jobs must be at least 1");
      }
      settings = settings.withMaxConcurrentJobs(maxConcurrentJobs);
    }
    if (rebuildState && !incremental) {
      throw new ParameterException(spec.commandLine(), "--rebuild-state needs --incremental");
    }
    if (incremental) {
      settings =
          settings.withMode(
              rebuildState ? RunSettings.Mode.REBUILD_STATE : RunSettings.Mode.INCREMENTAL);
    }
    if (acceptGateFailure) {
      settings = settings.acceptingGateFailures();
    }
    settings = settings.withWrites(writes.settings());
    ProgressListener display = engine.display("run");
    SparkSession spark = engine.start("silver run", settings.catalog());
    return new ReportedRun(
            metrics.settings(objectStore),
            spec.commandLine().getOut(),
            Optional.ofNullable(summaryJson))
        .run(spark, settings, selected, display);
  }

  /** Refuses a summary file that cannot be written before any job runs, not after it published. */
  private void checkWritable(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    String problem = null;
    if (folder == null || !Files.isDirectory(folder)) {
      problem = "no such folder " + folder;
    } else if (Files.isDirectory(file)) {
      problem = "it is a folder";
    } else if (!Files.isWritable(Files.exists(file) ? file : folder)) {
      problem = "not writable";
    }
    if (problem != null) {
      throw new ParameterException(
          spec.commandLine(), "Cannot write --summary-json " + file + ": " + problem);
    }
  }
}
