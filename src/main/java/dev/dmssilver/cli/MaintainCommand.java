package dev.dmssilver.cli;

import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.Preflight;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.maintenance.Durations;
import dev.dmssilver.maintenance.Maintenance;
import dev.dmssilver.maintenance.MaintenancePolicies;
import dev.dmssilver.maintenance.MaintenancePolicy;
import dev.dmssilver.maintenance.MaintenanceReport;
import dev.dmssilver.maintenance.PolicyOverride;
import dev.dmssilver.report.CloudWatchPublisher;
import dev.dmssilver.report.MaintenanceSummary;
import dev.dmssilver.report.MetricsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "maintain",
    description = {
      "Compact data files, rewrite manifests, expire snapshots and remove orphan files, per table,",
      "with Iceberg's own Spark actions. Never changes a row. Snapshots a tag points at survive.",
      "The policy is maintenance/policy.yaml (bundled); flags override it for this run."
    },
    mixinStandardHelpOptions = true)
final class MaintainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin MetricsOptions metrics;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Maintenance policy file. Default: the bundled maintenance/policy.yaml.")
  Path policy;

  @Option(
      names = "--retain-last",
      paramLabel = "N",
      description = "Keep at least the newest N snapshots of main.")
  Integer retainLast;

  @Option(
      names = "--expire-older-than",
      paramLabel = "DURATION",
      description = "Expire snapshots older than this (12h, 7d, 0d), beyond the newest N.")
  String expireOlderThan;

  @Option(
      names = "--target-file-size-mb",
      paramLabel = "MB",
      description = "Compaction's target data file size.")
  Long targetFileSizeMb;

  @Option(
      names = "--orphan-older-than",
      paramLabel = "DURATION",
      description = "Remove unreferenced files older than this (at least 1h).")
  String orphanOlderThan;

  @Option(
      names = "--tombstones-older-than",
      paramLabel = "DURATION",
      description =
          "Drop deleted keys older than this from the incremental state (default: the policy's"
              + " tombstones_older_than, 30d).")
  String tombstonesOlderThan;

  static final class Selection {
    @Option(
        names = "--all",
        required = true,
        arity = "0..1",
        description = "Every Silver table and the quarantine table that exist.")
    boolean all;

    @Option(
        names = "--table",
        required = true,
        paramLabel = "NAME",
        description = "Maintain this table; repeat for several.")
    List<String> tables;
  }

  @Override
  public Integer call() {
    Contracts known = contracts.load();
    List<String> knownTables = new ArrayList<>(known.tables());
    knownTables.add(QuarantineTable.NAME);
    MaintenancePolicies policies = policies(knownTables);
    Duration horizon = tombstoneHorizon(policies);

    CatalogSettings settings = catalog.settings(objectStore);
    MetricsSettings metricsSettings = metrics.settings(objectStore);
    Clock clock = Clock.systemUTC();
    String runId = "maintain-" + RunSettings.newRunId(clock);
    List<MaintenanceReport> reports;
    try (CloudWatchPublisher cloudWatch = new CloudWatchPublisher(metricsSettings);
        ProgressListener display = engine.display("maintain")) {
      SparkSession spark = engine.start("silver maintain", settings);
      Preflight.checkCatalog(spark, settings);
      Maintenance maintenance = new Maintenance(spark, settings, clock, runId, horizon);
      List<String> tables = selection.all ? maintenance.existing(knownTables) : selection.tables;
      reports =
          maintenance.maintainAll(
              tables,
              table -> withFlags(policies.forTable(table)),
              report ->
                  cloudWatch.publish(
                      report.table(),
                      MaintenanceSummary.metrics(report, metricsSettings.environment())),
              display);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.print(MaintenanceSummary.render(runId, reports));
    out.flush();
    return MaintenanceReport.exitCode(reports);
  }

  /** The policy file, checked against the tables, with every flag parsed before Spark starts. */
  private MaintenancePolicies policies(List<String> knownTables) {
    MaintenancePolicies policies =
        policy == null ? MaintenancePolicies.bundled() : MaintenancePolicies.fromFile(policy);
    policies.checkTablesAreKnown(knownTables);
    // A bad duration is a usage error, not a failed table.
    for (String table : knownTables) {
      withFlags(policies.forTable(table));
    }
    return policies;
  }

  private Duration tombstoneHorizon(MaintenancePolicies policies) {
    return tombstonesOlderThan == null
        ? policies.tombstoneHorizon()
        : Durations.parse(tombstonesOlderThan);
  }

  private MaintenancePolicy withFlags(MaintenancePolicy policy) {
    return PolicyOverride.of(retainLast, expireOlderThan, targetFileSizeMb, orphanOlderThan)
        .over(policy);
  }
}
