package dev.dmssilver.report;

import dev.dmssilver.job.JobResult;
import dev.dmssilver.quality.GateVerdict;
import dev.dmssilver.quality.OutcomeCounts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The compact table printed at the end of a run: one line per job, then reasons and failures. */
public final class RunSummary {
  private RunSummary() {}

  public static String render(String runId, List<JobResult> results) {
    TextTable table =
        new TextTable(
            Arrays.asList(
                "table", "files", "events", "deleted", "silver", "quarantined", "time", "status"));
    StringBuilder reasons = new StringBuilder();
    StringBuilder failures = new StringBuilder();
    for (JobResult result : results) {
      String time = String.format("%.1f s", result.duration().toMillis() / 1000.0);
      if (!result.succeeded()) {
        failures
            .append("  ")
            .append(result.table())
            .append(": ")
            .append(result.failure().map(RunSummary::describe).orElse(""))
            .append('\n');
      }
      table.addRow(row(result, time));
      result.counts().ifPresent(counts -> appendReasons(reasons, result.table(), counts));
    }
    StringBuilder text = new StringBuilder();
    text.append("Run ").append(runId).append('\n').append(table.render());
    if (reasons.length() > 0) {
      text.append("\nQuarantined rows by reason (a row may fail several rules):\n").append(reasons);
    }
    if (failures.length() > 0) {
      text.append("\nNot published:\n").append(failures);
    }
    return text.toString();
  }

  /** A job's line; a gate failure still shows its figures: what would have been published. */
  private static List<String> row(JobResult result, String time) {
    if (!result.counts().isPresent()) {
      String status = result.succeeded() ? "up to date" : "FAILED";
      return Arrays.asList(result.table(), "", "", "", "", "", time, status);
    }
    OutcomeCounts counts = result.counts().get();
    JobResult.BronzeFigures bronze = result.bronze().get();
    return Arrays.asList(
        result.table(),
        number(bronze.files()),
        number(bronze.events()),
        number(counts.deletedKeys()),
        number(counts.validRows()),
        number(counts.quarantinedRows()),
        time,
        status(result));
  }

  private static String status(JobResult result) {
    if (result.status() == JobResult.Status.GATE_FAILED) {
      return "GATE FAILED";
    }
    return result.verdict().map(v -> v.outcome() == GateVerdict.Outcome.ACCEPTED).orElse(false)
        ? "ok (gate accepted)"
        : "ok";
  }

  private static void appendReasons(StringBuilder reasons, String table, OutcomeCounts counts) {
    if (counts.rowsByReason().isEmpty()) {
      return;
    }
    reasons.append("  ").append(table).append(": ");
    String separator = "";
    for (Map.Entry<String, Long> reason : counts.rowsByReason().entrySet()) {
      reasons
          .append(separator)
          .append(reason.getKey())
          .append(' ')
          .append(number(reason.getValue()));
      separator = ", ";
    }
    reasons.append('\n');
  }

  /** A failure as one line: our own messages as they are, anything else with its type. */
  public static String describe(Throwable failure) {
    if (failure instanceof dev.dmssilver.SilverException) {
      return failure.getMessage();
    }
    java.util.Optional<Throwable> denied = dev.dmssilver.SilverException.accessDenied(failure);
    if (denied.isPresent()) {
      return "access denied: "
          + denied.get().getMessage()
          + "; grant the job role that action on that resource (infra/iam.tf)";
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private static String number(long value) {
    return String.format("%,d", value);
  }
}
