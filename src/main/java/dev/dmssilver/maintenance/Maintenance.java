package dev.dmssilver.maintenance;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.incremental.StateMaintenance;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.SilverTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maintains several tables one after the other; a failing table is reported, not fatal. */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final SparkSession spark;
  private final CatalogSettings catalog;
  private final Clock clock;
  private final String runId;
  private final Duration tombstoneHorizon;

  /**
   * @param tombstoneHorizon how long the incremental state keeps a deleted key: how late a Bronze
   *     file may arrive and still find it deleted
   */
  public Maintenance(
      SparkSession spark,
      CatalogSettings catalog,
      Clock clock,
      String runId,
      Duration tombstoneHorizon) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.tombstoneHorizon = requireNonNull(tombstoneHorizon, "tombstoneHorizon is null");
  }

  /**
   * Those of {@code tables} that exist, each followed by the incremental state tables of its job:
   * {@code --all} maintains what has been created so far.
   */
  public List<String> existing(List<String> tables) {
    SilverTables silver = new SilverTables(spark, catalog);
    StateMaintenance state = new StateMaintenance(spark, catalog);
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      if (silver.find(table).isPresent()) {
        found.add(table);
        found.addAll(state.tablesOf(table));
      }
    }
    return found;
  }

  /**
   * Maintains each table with its policy. {@code afterEachTable} hears of each report (to publish
   * its metrics); what it throws is logged, never the table's failure.
   */
  public List<MaintenanceReport> maintainAll(
      List<String> tables,
      Function<String, MaintenancePolicy> policyFor,
      Consumer<MaintenanceReport> afterEachTable) {
    return maintainAll(tables, policyFor, afterEachTable, ProgressListener.NONE);
  }

  /** As above, showing each table's step on {@code display}. */
  public List<MaintenanceReport> maintainAll(
      List<String> tables,
      Function<String, MaintenancePolicy> policyFor,
      Consumer<MaintenanceReport> afterEachTable,
      ProgressListener display) {
    SilverTables silver = new SilverTables(spark, catalog);
    TableMaintenance maintenance = new TableMaintenance(spark, clock, runId);
    List<MaintenanceReport> reports = new ArrayList<>();
    for (String name : tables) {
      Instant started = clock.instant();
      MaintenanceReport report;
      try {
        Optional<String> job = StateStore.jobOf(name);
        MaintenancePolicy policy = policyFor.apply(job.orElse(name));
        Optional<Instant> keepFrom = Optional.empty();
        if (job.isPresent()) {
          policy = policy.withTargetFileSizeBytes(StateStore.TARGET_FILE_BYTES);
          keepFrom = dropTombstonesAndFindKept(job.get(), name, display);
        }
        Table table = silver.require(name, "maintain");
        LOG.info("[{} {}] maintaining with {}", name, runId, policy);
        display.step(name, "compacting and expiring: " + policy);
        report = maintenance.maintain(name, table, policy, keepFrom);
        LOG.info(
            "[{} {}] {} data files rewritten, {} snapshots expired, {} orphan files removed",
            name,
            runId,
            report.dataFilesRewritten(),
            report.snapshotsExpired(),
            report.orphanFilesRemoved());
      } catch (Exception e) {
        // Exception, not RuntimeException: Spark's Scala code throws checked exceptions
        // unannounced.
        LOG.warn("[{} {}] maintenance failed: {}", name, runId, e.getMessage());
        display.warning(name, "maintenance failed: " + e.getMessage());
        report = MaintenanceReport.failed(name, Duration.between(started, clock.instant()), e);
      }
      reports.add(report);
      display.finished(name, report.succeeded());
      try {
        afterEachTable.accept(report);
      } catch (RuntimeException e) {
        LOG.warn("[{}] after maintenance: {}", name, e.getMessage());
      }
    }
    return reports;
  }

  /**
   * For a table of a job's incremental state: drops the tombstones past the horizon (from the job's
   * own table), and returns the oldest snapshot expiry must keep.
   */
  private Optional<Instant> dropTombstonesAndFindKept(
      String job, String table, ProgressListener display) {
    StateMaintenance state = new StateMaintenance(spark, catalog);
    if (table.equals(StateStore.ownTable(job))) {
      Instant before = clock.instant().minus(tombstoneHorizon);
      long dropped =
          state.dropTombstones(
              job, before, runId, RunRecord.builder(runId, table).build().properties());
      LOG.info("[{} {}] {} tombstones older than {} dropped", table, runId, dropped, before);
      display.step(table, String.format("%,d tombstones older than %s dropped", dropped, before));
    }
    return state.keepFrom(job, table);
  }
}
