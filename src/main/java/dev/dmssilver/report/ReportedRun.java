package dev.dmssilver.report;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * A run of jobs and everything said about it: each job's metrics to CloudWatch as it ends, then the
 * summary table, and the summary JSON if asked for. Data first, telemetry second.
 */
public final class ReportedRun {
  private final MetricsSettings metrics;
  private final PrintWriter out;
  private final Optional<Path> summaryJson;

  public ReportedRun(MetricsSettings metrics, PrintWriter out, Optional<Path> summaryJson) {
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.out = requireNonNull(out, "out is null");
    this.summaryJson = requireNonNull(summaryJson, "summaryJson is null");
  }

  /**
   * Runs the jobs, showing their steps on {@code display}, which it closes, then prints the summary
   * and returns the exit code: 0 if every job published, else the most urgent of the failed jobs'
   * (see {@link SilverException#exitCode}).
   */
  public int run(
      SparkSession spark,
      RunSettings settings,
      List<Contract> contracts,
      ProgressListener display) {
    Instant started = settings.clock().instant();
    List<JobResult> results;
    try (ProgressListener shown = display;
        CloudWatchPublisher cloudWatch = new CloudWatchPublisher(metrics)) {
      results =
          JobRuns.runAll(
              spark,
              settings,
              contracts,
              result ->
                  cloudWatch.publish(
                      result.table(),
                      JobMetrics.of(result, metrics.environment(), settings.clock().instant())),
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
    return JobResult.exitCode(results);
  }
}
