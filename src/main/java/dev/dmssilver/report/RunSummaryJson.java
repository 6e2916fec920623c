package dev.dmssilver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dmssilver.SilverException;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.quality.OutcomeCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable summary of a run ({@code --summary-json}): the exit code, and per job its
 * status, how it read Bronze (and why an incremental run rebuilt fully), figures, reasons,
 * durations, snapshot ids, gate outcome and, for a job that did not publish, the kind of failure
 * and the error. Written for orchestrators (Airflow, Step Functions) that decide what to do next
 * without reading logs.
 */
public final class RunSummaryJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunSummaryJson() {}

  public static Map<String, Object> of(
      String runId, Instant started, Instant finished, List<JobResult> results) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", runId);
    run.put("started_at", started.toString());
    run.put("finished_at", finished.toString());
    run.put("duration_seconds", seconds(Duration.between(started, finished)));
    run.put("all_published", results.stream().allMatch(JobResult::succeeded));
    run.put("exit_code", JobResult.exitCode(results));
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (JobResult result : results) {
      jobs.add(job(result, finished));
    }
    run.put("jobs", jobs);
    return run;
  }

  public static void write(Path file, Map<String, Object> summary) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), summary);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot write the run summary to " + file, e);
    }
  }

  private static Map<String, Object> job(JobResult result, Instant finished) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("table", result.table());
    job.put("status", result.status().name().toLowerCase(Locale.ROOT));
    job.put("duration_seconds", seconds(result.duration()));
    result.mode().ifPresent(mode -> job.put("mode", mode.name().toLowerCase(Locale.ROOT)));
    result.fullRebuildReason().ifPresent(reason -> job.put("full_rebuild_reason", reason));
    result
        .bronze()
        .ifPresent(
            bronze -> {
              job.put("bronze_files", bronze.files());
              job.put("bronze_events", bronze.events());
              job.put("bronze_ignored_columns", new ArrayList<>(bronze.ignoredColumns()));
            });
    result.counts().ifPresent(counts -> putCounts(job, counts, finished));
    result
        .verdict()
        .ifPresent(
            verdict -> {
              Map<String, Object> gate = new LinkedHashMap<>();
              gate.put("outcome", verdict.outcome().label());
              gate.put("failures", verdict.failures());
              job.put("gate", gate);
            });
    result
        .publication()
        .ifPresent(
            publication -> {
              job.put("silver_snapshot_id", publication.silverSnapshotId());
              job.put("quarantine_snapshot_id", publication.quarantineSnapshotId());
            });
    result.failureKind().ifPresent(kind -> job.put("kind", kind.label()));
    result.failure().ifPresent(failure -> job.put("error", RunSummary.describe(failure)));
    return job;
  }

  private static void putCounts(Map<String, Object> job, OutcomeCounts counts, Instant finished) {
    job.put("current_rows", counts.currentRows());
    job.put("silver_rows", counts.validRows());
    job.put("quarantined_rows", counts.quarantinedRows());
    job.put("deleted_keys", counts.deletedKeys());
    job.put("quarantined_by_reason", counts.rowsByReason());
    counts
        .newestCommit()
        .ifPresent(
            newest -> {
              job.put("newest_commit", newest.toString());
              job.put(
                  "data_age_hours",
                  Math.round(Duration.between(newest, finished).toMillis() / 36_000.0) / 100.0);
            });
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
