package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import dev.dmssilver.Sizes;
import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.bronze.BronzeReader;
import dev.dmssilver.bronze.BronzeShape;
import dev.dmssilver.cdc.LatestEvent;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.enrich.DerivedColumns;
import dev.dmssilver.enrich.EnrichmentJoin;
import dev.dmssilver.incremental.FullState;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.quality.OutcomeCounts;
import dev.dmssilver.quality.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs one entity job: Bronze history to current state, validated, published. The one way a job
 * runs, whether from the command line, AWS Glue, the demo or a benchmark.
 *
 * <p>Bronze is read once: the validated latest events are persisted, one aggregation computes every
 * figure the job checks and reports, and both writes read from the persisted result.
 */
public final class JobRunner {

  private final SparkSession spark;
  private final RunSettings settings;
  private final JobProgress progress;

  public JobRunner(SparkSession spark, RunSettings settings) {
    this(spark, settings, JobProgress.quiet(settings.runId(), settings.clock()));
  }

  public JobRunner(SparkSession spark, RunSettings settings, JobProgress progress) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** Runs the job for {@code contract}; throws if anything stops it. */
  public JobResult run(Contract contract) {
    return run(contract, Optional.<FullState>empty());
  }

  /**
   * Runs the full rebuild; with {@code state}, also saves what incremental runs start from once the
   * rebuild has published.
   */
  JobResult run(Contract contract, Optional<FullState> state) {
    Instant started = settings.clock().instant();
    String table = contract.table();
    ContractCheck.check(spark, contract);
    BronzeEvents bronze = read(contract);
    describe(table, bronze);

    Validation validation = Validation.of(contract, started.plus(settings.futureTolerance()));
    Dataset<Row> checked =
        resolve(contract, bronze, validation, state).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      progress(table, "resolving and validating");
      // The job's one action, which reads Bronze.
      OutcomeCounts counts =
          UnreadableFile.explained(
              bronze.inventory(), () -> OutcomeCounts.of(checked, validation.reasons()));
      checkBeforeWriting(contract, bronze.inventory(), counts);
      describe(table, bronze, counts);
      FailPoint.reach(FailPoint.BRONZE_RESOLVED);

      PublishStep.Outcome outcome =
          new PublishStep(spark, settings, progress)
              .publish(contract, bronze.inventory(), checked, counts);
      if (state.isPresent() && outcome instanceof PublishStep.Published) {
        progress(table, "saving the incremental state");
        state
            .get()
            .save(
                contract,
                checked,
                bronze,
                ((PublishStep.Published) outcome).publication.silverSnapshotId(),
                counts.newestCommit(),
                RunRecord.builder(settings.runId(), table).build());
      }
      Duration duration = Duration.between(started, settings.clock().instant());
      JobResult result =
          outcome.result(table, duration, new JobResult.BronzeFigures(bronze), counts);
      progress(table, "%s", outcomeLine(result));
      return result;
    } finally {
      checked.unpersist();
    }
  }

  /**
   * The full rebuild's validated latest events, deletes included: a lazy plan over {@code bronze}
   * and the Bronze of the entities it enriches from.
   */
  Dataset<Row> resolve(
      Contract contract, BronzeEvents bronze, Validation validation, Optional<FullState> state) {
    Dataset<Row> latest = LatestEvent.resolve(bronze.events(), contract.key());
    for (Enrichment enrichment : contract.enrichments()) {
      latest = EnrichmentJoin.apply(latest, enrichment, currentRowsOf(enrichment, state));
    }
    latest = DerivedColumns.apply(latest, contract.derived());
    return validation.apply(latest);
  }

  /** The job's last step line: its snapshot, or why it was not published. */
  private static String outcomeLine(JobResult result) {
    return result
        .publication()
        .map(
            publication ->
                String.format(
                    "published snapshot %d in %.1f s",
                    publication.silverSnapshotId(), result.duration().toMillis() / 1000.0))
        .orElseGet(
            () -> "not published: " + result.failure().map(Throwable::getMessage).orElse(""));
  }

  /** What was read: a step line, notes on its shape, and a warning for undeclared columns. */
  private void describe(String table, BronzeEvents bronze) {
    progress(
        table,
        "read %,d files (%,d events, %s) from %s",
        bronze.inventory().fileCount(),
        bronze.inventory().eventCount(),
        Sizes.humanBytes(bronze.inventory().sizeInBytes()),
        bronze.inventory().folder());
    // Notes, not steps: the job's current step stays what it is.
    progress.log(table, BronzeShape.describe(bronze.inventory(), settings.bronze()));
    BronzeShape.fullLoadOverlap(bronze.inventory(), settings.bronze(), bronze.fullLoadStart())
        .ifPresent(overlap -> progress.log(table, overlap));
    if (!bronze.ignoredColumns().isEmpty()) {
      progress.warn(
          table,
          "ignoring Bronze columns the contract does not declare: " + bronze.ignoredColumns(),
          "add them to the contract to keep them in Silver");
    }
  }

  /** What the current state came to, and a warning if deletes can never reach Silver. */
  private void describe(String table, BronzeEvents bronze, OutcomeCounts counts) {
    progress(
        table,
        "%,d current rows: %,d valid, %,d quarantined; %,d keys deleted",
        counts.currentRows(),
        counts.validRows(),
        counts.quarantinedRows(),
        counts.deletedKeys());
    if (BronzeShape.cdcWithoutDeletes(bronze.inventory())) {
      progress.warn(
          table,
          "no deletes in Bronze: rows deleted at the source may stay in Silver",
          "its CDC files hold no Op = D row. If the DMS endpoint sets cdc_inserts_and_updates"
              + " or cdc_inserts_only, rows deleted at the source stay in Silver with their last"
              + " image until a new full load (reload) omits them");
    }
  }

  BronzeEvents read(Contract contract) {
    progress(contract.table(), "listing %s", settings.bronze().tableFolder(contract.bronze()));
    return BronzeReader.read(spark, contract, settings.bronze());
  }

  /** The current rows of the entity an enrichment copies from, resolved from its own Bronze. */
  private Dataset<Row> currentRowsOf(Enrichment enrichment, Optional<FullState> state) {
    Contract source = settings.contracts().get(enrichment.fromContract());
    BronzeEvents events = read(source);
    Dataset<Row> latest = LatestEvent.resolve(events.events(), source.key());
    if (state.isPresent()) {
      latest = state.get().addSource(source, latest, events);
    }
    return currentRowsOf(latest, source, enrichment);
  }

  /** The current rows of {@code source}, from its latest events: what an enrichment looks up. */
  static Dataset<Row> currentRowsOf(Dataset<Row> latest, Contract source, Enrichment enrichment) {
    Column keyPresent = null;
    for (String key : source.key()) {
      Column present = col(key).isNotNull();
      keyPresent = keyPresent == null ? present : keyPresent.and(present);
    }
    List<Column> needed = new ArrayList<>();
    for (String key : source.key()) {
      needed.add(col(key));
    }
    for (ColumnSpec column : enrichment.columns()) {
      if (!source.key().contains(column.name())) {
        needed.add(col(column.name()));
      }
    }
    return latest
        .where(LatestEvent.isCurrent().and(keyPresent))
        .select(needed.toArray(new Column[0]));
  }

  /** Checks that stop the job before anything is written. */
  static void checkBeforeWriting(
      Contract contract, BronzeInventory inventory, OutcomeCounts counts) {
    if (counts.unparseableCommitTimestamps() > 0) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot order Bronze table %s: %,d events have a missing or unparseable commit"
                  + " timestamp, expected %s, e.g. %s",
              inventory.bronzeTable(),
              counts.unparseableCommitTimestamps(),
              "yyyy-MM-dd HH:mm:ss.SSSSSS",
              counts.unparseableExample().orElse("?")));
    }
    if (counts.eventsResolved() != inventory.eventCount()) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Cannot publish %s: resolved %,d events but Bronze footers hold %,d",
              contract.table(), counts.eventsResolved(), inventory.eventCount()));
    }
    if (counts.validRows() + counts.quarantinedRows() != counts.currentRows()) {
      throw new SilverException(
          SilverException.Kind.INVARIANT,
          String.format(
              "Cannot publish %s: %,d current rows but %,d valid + %,d quarantined; every current"
                  + " row must land in exactly one of Silver or quarantine",
              contract.table(),
              counts.currentRows(),
              counts.validRows(),
              counts.quarantinedRows()));
    }
  }

  private void progress(String table, String format, Object... arguments) {
    progress.stage(table, format, arguments);
  }
}
