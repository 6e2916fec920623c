package dev.dmssilver.cli;

import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.report.CloudWatchPublisher;
import dev.dmssilver.report.JobMetrics;
import dev.dmssilver.report.RunSummary;
import dev.dmssilver.report.RunSummaryJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
  Selection selection;

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
      names = "--run-id",
      paramLabel = "ID",
      description = "Id recorded on every snapshot and quarantine row. Default: time and random.")
  String runId;

  static final class Selection {
    @Option(
        names = "--all",
        required = true,
        arity = "0..1",
        description = "Run every job, concurrently.")
    boolean all;

    @Option(
        names = "--job",
        required = true,
        paramLabel = "NAME",
        description = "Run this job (a Silver table name); repeat for several.")
    List<String> jobs;
  }

  @Override
  public Integer call() {
    Contracts known = contracts.load();
    List<Contract> selected = new ArrayList<>();
    if (selection.all) {
      selected.addAll(known.all());
    } else {
      for (String job : selection.jobs) {
        selected.add(known.get(job));
      }
    }
    if (summaryJson != null) {
      checkWritable(summaryJson);
    }
    RunSettings settings = RunSettings.of(bronze.settings(), catalog.settings(objectStore), known);
    if (runId != null) {
      settings = settings.withRunId(runId);
    }
    if (acceptGateFailure) {
      settings = settings.acceptingGateFailures();
    }
    settings = settings.withMetrics(metrics.settings(objectStore)).withWrites(writes.settings());
    ProgressListener display = engine.display("run");
    SparkSession spark = engine.start("silver run", settings.catalog());
    return runAndReport(
        spark,
        settings,
        selected,
        display,
        spec.commandLine().getOut(),
        Optional.ofNullable(summaryJson));
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

  /**
   * Runs the jobs, showing their steps on {@code display}, which it closes, then prints the summary
   * and returns the exit code: 0 if every job published, 3 if the only trouble was the publish gate
   * (Silver unchanged, data to look at), 1 otherwise.
   */
  static int runAndReport(
      SparkSession spark,
      RunSettings settings,
      List<Contract> contracts,
      ProgressListener display,
      PrintWriter out,
      Optional<Path> summaryJson) {
    Instant started = settings.clock().instant();
    List<JobResult> results;
    try (ProgressListener shown = display;
        CloudWatchPublisher cloudWatch = new CloudWatchPublisher(settings.metrics())) {
      results =
          JobRuns.runAll(
              spark,
              settings,
              contracts,
              result ->
                  cloudWatch.publish(
                      result.table(),
                      JobMetrics.of(
                          result, settings.metrics().environment(), settings.clock().instant())),
              shown);
    }
    out.println();
    out.print(RunSummary.render(settings.runId(), results));
    out.flush();
    summaryJson.ifPresent(
        file ->
            RunSummaryJson.write(
                file,
                RunSummaryJson.of(settings.runId(), started, settings.clock().instant(), results)));
    int exitCode = 0;
    for (JobResult result : results) {
      if (result.status() == JobResult.Status.FAILED) {
        return SilverCli.EXIT_FAILED;
      }
      if (result.status() == JobResult.Status.GATE_FAILED) {
        exitCode = SilverCli.EXIT_GATE_FAILED;
      }
    }
    return exitCode;
  }
}
