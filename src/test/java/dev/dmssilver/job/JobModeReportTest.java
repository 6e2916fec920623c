package dev.dmssilver.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.SilverException;
import dev.dmssilver.report.JobMetrics;
import dev.dmssilver.report.Metric;
import dev.dmssilver.report.RunSummaryJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How a job read Bronze reaches the run summary and CloudWatch: an orchestrator or an alarm must
 * tell an incremental run from one that fell back on a full rebuild, and why it did.
 */
class JobModeReportTest {
  private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
  private static final Duration TOOK = Duration.ofSeconds(3);

  @Test
  void anIncrementalRunThatFoundNothingNewReportsIncrementalAndNoFullRebuild() {
    JobResult result = JobResult.upToDate("fact_orders", TOOK);

    Map<String, Object> job = onlyJob(result);
    assertThat(job).containsEntry("status", "up_to_date").containsEntry("mode", "incremental");
    assertThat(job).doesNotContainKey("full_rebuild_reason");
    assertThat(metricValues(result)).containsEntry(JobMetrics.FULL_REBUILD, 0.0);
  }

  @Test
  void anIncrementalRunThatFellBackSaysSoAndWhy() {
    String why = "orders has a new full load (LOAD00000001.parquet)";
    JobResult result =
        JobResult.failed(
                "fact_orders",
                TOOK,
                new SilverException(SilverException.Kind.BRONZE_INPUT, "unreadable"))
            .rebuiltFullyBecause(why);

    Map<String, Object> job = onlyJob(result);
    assertThat(job)
        .containsEntry("mode", "full_rebuild")
        .containsEntry("full_rebuild_reason", why)
        .containsEntry("status", "failed");
    assertThat(metricValues(result))
        .containsEntry(JobMetrics.FULL_REBUILD, 1.0)
        .containsEntry(JobMetrics.JOB_FAILED, 1.0);
  }

  @Test
  void aJobThatFailedBeforeItChoseHowToReadBronzeClaimsNeither() {
    JobResult result =
        JobResult.failed("fact_orders", TOOK, new IllegalStateException("the catalog is down"));

    assertThat(result.mode()).isEmpty();
    assertThat(onlyJob(result)).doesNotContainKeys("mode", "full_rebuild_reason");
    assertThat(metricValues(result)).doesNotContainKey(JobMetrics.FULL_REBUILD);
  }

  @Test
  void markingAResultKeepsEverythingElseItSays() {
    JobResult failed =
        JobResult.failed("dim_customer", TOOK, new IllegalStateException("S3 said no"));
    JobResult marked = failed.rebuiltFullyBecause("no incremental state yet");

    assertThat(marked.table()).isEqualTo("dim_customer");
    assertThat(marked.status()).isEqualTo(JobResult.Status.FAILED);
    assertThat(marked.duration()).isEqualTo(TOOK);
    assertThat(marked.failure()).containsSame(failed.failure().get());
    assertThat(marked.appliedIncrementally().mode()).hasValue(JobResult.Mode.INCREMENTAL);
    assertThat(marked.appliedIncrementally().fullRebuildReason()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyJob(JobResult result) {
    Map<String, Object> summary =
        RunSummaryJson.of("run-1", NOW.minus(TOOK), NOW, Collections.singletonList(result));
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) summary.get("jobs");
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private static Map<String, Double> metricValues(JobResult result) {
    return JobMetrics.of(result, "ci", NOW).stream()
        .filter(metric -> !metric.dimensions().containsKey("Kind"))
        .collect(Collectors.toMap(Metric::name, Metric::value));
  }
}
