package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.Publication;
import dev.dmssilver.lakehouse.Publisher;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.lakehouse.StagedSilver;
import dev.dmssilver.quality.GateVerdict;
import dev.dmssilver.quality.OutcomeCounts;
import dev.dmssilver.quality.PublishGate;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The last step of a job: write, audit, publish. Stages the new Silver table on the run's audit
 * branch, judges the run against the contract's publish gate, and publishes only if the gate
 * allows. A gate failure leaves Silver and quarantine as they were, with the would-be state kept on
 * audit branches for inspection.
 */
final class PublishStep {
  private final SparkSession spark;
  private final RunSettings settings;
  private final JobProgress progress;

  PublishStep(SparkSession spark, RunSettings settings, JobProgress progress) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** What publishing came to: published with its snapshots, or held back by the gate. */
  abstract static class Outcome {
    final GateVerdict verdict;

    private Outcome(GateVerdict verdict) {
      this.verdict = requireNonNull(verdict, "verdict is null");
    }

    /** The job's result, from the figures the job gathered on the way here. */
    abstract JobResult result(
        String table, Duration duration, JobResult.BronzeFigures bronze, OutcomeCounts counts);
  }

  /** The gate allowed the run, and its snapshots are on main. */
  static final class Published extends Outcome {
    final Publication publication;

    Published(GateVerdict verdict, Publication publication) {
      super(verdict);
      this.publication = requireNonNull(publication, "publication is null");
    }

    @Override
    JobResult result(
        String table, Duration duration, JobResult.BronzeFigures bronze, OutcomeCounts counts) {
      return JobResult.published(table, duration, bronze, counts, verdict, publication);
    }
  }

  /** The gate held the run back: Silver is unchanged, the would-be state is on audit branches. */
  static final class Held extends Outcome {
    final SilverException why;

    Held(GateVerdict verdict, SilverException why) {
      super(verdict);
      this.why = requireNonNull(why, "why is null");
    }

    @Override
    JobResult result(
        String table, Duration duration, JobResult.BronzeFigures bronze, OutcomeCounts counts) {
      return JobResult.gateFailed(table, duration, bronze, counts, verdict, why);
    }
  }

  /** How a run stages its Silver table on its audit branch. */
  interface SilverStaging {
    StagedSilver stage(Publisher publisher, Optional<Snapshot> base, RunRecord record);
  }

  /** Publishes a full rebuild: the whole Silver table, replaced. */
  Outcome publish(
      Contract contract, BronzeInventory inventory, Dataset<Row> checked, OutcomeCounts counts) {
    return publish(
        contract,
        inventory,
        checked,
        counts,
        (publisher, base, record) ->
            publisher.stage(
                contract.table(),
                base,
                SilverRows.of(contract, checked),
                counts.validRows(),
                record));
  }

  /**
   * @param checked the rows whose outcome this run decided (every current row for a full rebuild);
   *     its quarantined rows replace the job's quarantine slice
   */
  Outcome publish(
      Contract contract,
      BronzeInventory inventory,
      Dataset<Row> checked,
      OutcomeCounts counts,
      SilverStaging staging) {
    String table = contract.table();
    new SilverTables(spark, settings.catalog()).ensure(contract);
    Publisher publisher = new Publisher(spark, settings.catalog(), settings.writes());
    Optional<Snapshot> base = publisher.current(table);
    GateVerdict verdict =
        PublishGate.evaluate(
            contract.gate(),
            counts,
            OptionalLong.of(base.map(PublishStep::totalRecords).orElse(0L)));
    if (!verdict.allowsPublishing() && settings.acceptsGateFailures()) {
      verdict = verdict.accepted();
      progress.warn(table, "publishing despite the gate, as asked: " + verdict);
    }
    RunRecord record = record(contract, inventory, counts, verdict);

    progress.stage(
        table,
        "Writing %,d Silver rows to audit branch %s",
        counts.validRows(),
        Publisher.auditBranch(record));
    StagedSilver staged = staging.stage(publisher, base, record);
    FailPoint.reach(FailPoint.SILVER_STAGED);
    Dataset<Row> quarantineRows =
        SilverRows.quarantine(contract, checked, settings.runId(), settings.clock().instant());
    if (!verdict.allowsPublishing()) {
      String quarantineBranch = publisher.stageQuarantine(table, quarantineRows, record);
      return new Held(verdict, gateFailure(contract, verdict, staged, quarantineBranch));
    }
    progress.stage(table, "Publishing, with %,d quarantine rows", counts.quarantinedRows());
    Publication publication =
        publisher.publish(staged, quarantineRows, counts.quarantinedRows(), record);
    return new Published(verdict, publication);
  }

  private RunRecord record(
      Contract contract, BronzeInventory inventory, OutcomeCounts counts, GateVerdict verdict) {
    return RunRecord.builder(settings.runId(), contract.table())
        .put(RunRecord.VERSION, ProjectVersion.get())
        .put(RunRecord.BRONZE_FILES, inventory.fileCount())
        .put(RunRecord.BRONZE_EVENTS, inventory.eventCount())
        .put(RunRecord.BRONZE_NEWEST_COMMIT, counts.newestCommit().orElse(null))
        .put(RunRecord.SILVER_ROWS, counts.validRows())
        .put(RunRecord.QUARANTINE_ROWS, counts.quarantinedRows())
        .put(RunRecord.GATE, verdict.outcome().label())
        .put(RunRecord.GATE_FAILURES, verdict.failures().isEmpty() ? null : verdict.toString())
        .build();
  }

  private static long totalRecords(Snapshot snapshot) {
    return Long.parseLong(snapshot.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }

  private SilverException gateFailure(
      Contract contract, GateVerdict verdict, StagedSilver staged, String quarantineBranch) {
    String table = settings.catalog().database() + "." + contract.table();
    String quarantine = settings.catalog().database() + "." + QuarantineTable.NAME;
    return new SilverException(
        SilverException.Kind.GATE,
        String.format(
            "Cannot publish %s: the publish gate failed: %s. Silver is unchanged. The would-be"
                + " table is kept for %d days: SELECT * FROM %s VERSION AS OF '%s'; its quarantine"
                + " rows: SELECT * FROM %s VERSION AS OF '%s' WHERE table_name = '%s'. To publish"
                + " it anyway, run again with --accept-gate-failure",
            contract.table(),
            verdict,
            Publisher.AUDIT_BRANCH_RETENTION_DAYS,
            table,
            staged.branch(),
            quarantine,
            quarantineBranch,
            contract.table()));
  }
}
