package dev.dmssilver.report;

import dev.dmssilver.Sizes;
import dev.dmssilver.maintenance.MaintenanceReport;
import dev.dmssilver.maintenance.TableFigures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What maintenance did, as a table for people and as metrics for CloudWatch. */
public final class MaintenanceSummary {
  public static final String DATA_FILES_REWRITTEN = "MaintenanceDataFilesRewritten";
  public static final String SNAPSHOTS_EXPIRED = "MaintenanceSnapshotsExpired";
  public static final String ORPHAN_FILES_REMOVED = "MaintenanceOrphanFilesRemoved";
  public static final String DURATION_SECONDS = "MaintenanceDurationSeconds";
  public static final String TABLE_DATA_FILES = "TableDataFiles";
  public static final String TABLE_DATA_BYTES = "TableDataBytes";
  public static final String TABLE_SNAPSHOTS = "TableSnapshots";

  private MaintenanceSummary() {}

  public static String render(String runId, List<MaintenanceReport> reports) {
    TextTable table =
        new TextTable(
            Arrays.asList(
                "table",
                "data files",
                "data bytes",
                "rewritten",
                "manifests",
                "snapshots",
                "expired",
                "orphans",
                "time",
                "status"));
    StringBuilder failures = new StringBuilder();
    for (MaintenanceReport report : reports) {
      table.addRow(row(report));
      report
          .failure()
          .ifPresent(
              failure ->
                  failures
                      .append("  ")
                      .append(report.table())
                      .append(": ")
                      .append(RunSummary.describe(failure))
                      .append('\n'));
    }
    StringBuilder text = new StringBuilder();
    text.append("Maintenance ").append(runId).append('\n').append(table.render());
    text.append(
        "(rewritten: small data files compacted; expired: snapshots removed, with the files only"
            + " they used; orphans: unreferenced files removed)\n");
    if (failures.length() > 0) {
      text.append("\nFailed:\n").append(failures);
    }
    return text.toString();
  }

  private static List<String> row(MaintenanceReport report) {
    String time = String.format("%.1f s", report.duration().toMillis() / 1000.0);
    if (!report.succeeded()) {
      return Arrays.asList(report.table(), "", "", "", "", "", "", "", time, "FAILED");
    }
    TableFigures before = report.before().get();
    TableFigures after = report.after().get();
    return Arrays.asList(
        report.table(),
        before.dataFiles() + " -> " + after.dataFiles(),
        Sizes.humanBytes(before.dataBytes()) + " -> " + Sizes.humanBytes(after.dataBytes()),
        String.valueOf(report.dataFilesRewritten()),
        String.valueOf(report.manifestsRewritten()),
        before.snapshots() + " -> " + after.snapshots(),
        String.valueOf(report.snapshotsExpired()),
        String.valueOf(report.orphanFilesRemoved()),
        time,
        "ok");
  }

  public static List<Metric> metrics(MaintenanceReport report, String environment) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Table", report.table());
    dimensions.put("Environment", environment);
    List<Metric> metrics = new ArrayList<>();
    metrics.add(
        new Metric(
            DURATION_SECONDS,
            report.duration().toMillis() / 1000.0,
            Metric.Unit.SECONDS,
            dimensions));
    if (!report.succeeded()) {
      return metrics;
    }
    TableFigures after = report.after().get();
    metrics.add(
        new Metric(
            DATA_FILES_REWRITTEN, report.dataFilesRewritten(), Metric.Unit.COUNT, dimensions));
    metrics.add(
        new Metric(SNAPSHOTS_EXPIRED, report.snapshotsExpired(), Metric.Unit.COUNT, dimensions));
    metrics.add(
        new Metric(
            ORPHAN_FILES_REMOVED, report.orphanFilesRemoved(), Metric.Unit.COUNT, dimensions));
    metrics.add(new Metric(TABLE_DATA_FILES, after.dataFiles(), Metric.Unit.COUNT, dimensions));
    metrics.add(new Metric(TABLE_DATA_BYTES, after.dataBytes(), Metric.Unit.BYTES, dimensions));
    metrics.add(new Metric(TABLE_SNAPSHOTS, after.snapshots(), Metric.Unit.COUNT, dimensions));
    return metrics;
  }
}
