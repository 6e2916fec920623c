package dev.dmssilver.report;

import dev.dmssilver.job.JobResult;
import dev.dmssilver.quality.GateVerdict;
import dev.dmssilver.quality.OutcomeCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one job, from figures the job already has: no pass over the data. Every metric has
 * the dimensions Table and Environment; per-reason quarantine counts add Reason. JobFailed is 1 for
 * a job that did not publish and 0 for one that did; a failed job sends it once more with a Kind
 * dimension (bronze_input, unavailable, gate, ...), so that an alarm can tell bad Bronze from S3
 * being down. FullRebuild is 1 for a run that read the whole Bronze history and 0 for an
 * incremental run that applied only new files (or found none).
 */
public final class JobMetrics {
  public static final String SILVER_ROW_COUNT = "SilverRowCount";
  public static final String QUARANTINE_ROW_COUNT = "QuarantineRowCount";
  public static final String SILVER_DATA_AGE_HOURS = "SilverDataAgeHours";
  public static final String BRONZE_EVENT_COUNT = "BronzeEventCount";
  public static final String BRONZE_FILE_COUNT = "BronzeFileCount";
  public static final String JOB_DURATION_SECONDS = "JobDurationSeconds";
  public static final String GATE_PASSED = "GatePassed";
  public static final String JOB_FAILED = "JobFailed";
  public static final String FULL_REBUILD = "FullRebuild";

  private JobMetrics() {}

  /**
   * @param now when the metrics are taken, for the age of the newest Bronze event
   */
  public static List<Metric> of(JobResult result, String environment, Instant now) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Table", result.table());
    dimensions.put("Environment", environment);
    List<Metric> metrics = new ArrayList<>();
    metrics.add(
        new Metric(
            JOB_DURATION_SECONDS,
            result.duration().toMillis() / 1000.0,
            Metric.Unit.SECONDS,
            dimensions));
    metrics.add(new Metric(JOB_FAILED, result.succeeded() ? 0 : 1, Metric.Unit.COUNT, dimensions));
    result
        .failureKind()
        .ifPresent(
            kind ->
                metrics.add(
                    new Metric(
                        JOB_FAILED, 1, Metric.Unit.COUNT, with(dimensions, "Kind", kind.label()))));
    result
        .mode()
        .ifPresent(
            mode ->
                metrics.add(
                    new Metric(
                        FULL_REBUILD,
                        mode == JobResult.Mode.FULL_REBUILD ? 1 : 0,
                        Metric.Unit.COUNT,
                        dimensions)));
    if (result.counts().isPresent()) { // else the job failed before it had figures
      addFigures(metrics, result, dimensions, now);
    }
    return metrics;
  }

  private static void addFigures(
      List<Metric> metrics, JobResult result, Map<String, String> dimensions, Instant now) {
    OutcomeCounts counts = result.counts().get();
    JobResult.BronzeFigures bronze = result.bronze().get();
    if (result.publication().isPresent()) {
      // Rows in the new Silver snapshot; a run the gate held back made none.
      metrics.add(new Metric(SILVER_ROW_COUNT, counts.validRows(), Metric.Unit.COUNT, dimensions));
    }
    metrics.add(
        new Metric(QUARANTINE_ROW_COUNT, counts.quarantinedRows(), Metric.Unit.COUNT, dimensions));
    for (Map.Entry<String, Long> reason : counts.rowsByReason().entrySet()) {
      metrics.add(
          new Metric(
              QUARANTINE_ROW_COUNT,
              reason.getValue(),
              Metric.Unit.COUNT,
              with(dimensions, "Reason", reason.getKey())));
    }
    counts
        .newestCommit()
        .ifPresent(
            newest ->
                metrics.add(
                    new Metric(
                        SILVER_DATA_AGE_HOURS,
                        Duration.between(newest, now).toMillis() / 3_600_000.0,
                        Metric.Unit.NONE,
                        dimensions)));
    metrics.add(new Metric(BRONZE_EVENT_COUNT, bronze.events(), Metric.Unit.COUNT, dimensions));
    metrics.add(new Metric(BRONZE_FILE_COUNT, bronze.files(), Metric.Unit.COUNT, dimensions));
    boolean passed =
        result.verdict().map(v -> v.outcome() == GateVerdict.Outcome.PASSED).orElse(false);
    metrics.add(new Metric(GATE_PASSED, passed ? 1 : 0, Metric.Unit.NONE, dimensions));
  }

  private static Map<String, String> with(
      Map<String, String> dimensions, String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(dimensions);
    more.put(name, value);
    return more;
  }
}
