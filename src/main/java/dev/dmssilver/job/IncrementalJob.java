package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.lit;

import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.bronze.ListedFile;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.enrich.DerivedColumns;
import dev.dmssilver.enrich.EnrichmentJoin;
import dev.dmssilver.incremental.ContractFingerprint;
import dev.dmssilver.incremental.DecidedRanges;
import dev.dmssilver.incremental.FullState;
import dev.dmssilver.incremental.Increment;
import dev.dmssilver.incremental.IncrementalPlan;
import dev.dmssilver.incremental.JobState;
import dev.dmssilver.incremental.KeyRange;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.incremental.StateSummary;
import dev.dmssilver.lakehouse.Publisher;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.SilverMerge;
import dev.dmssilver.quality.OutcomeCounts;
import dev.dmssilver.quality.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs one job incrementally: reads only the Bronze files its state has not applied, resolves their
 * events against each key's latest event in the state, decides again the rows that could have
 * changed, and merges those into Silver. Falls back on the full rebuild, saying why, when the state
 * cannot be trusted to give the same result (see {@link IncrementalPlan}).
 */
final class IncrementalJob {
  private final SparkSession spark;
  private final RunSettings settings;
  private final JobProgress progress;
  private final StateStore store;
  private final NewBronze bronze;

  IncrementalJob(SparkSession spark, RunSettings settings, JobProgress progress) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.store = new StateStore(spark, settings.catalog());
    this.bronze = new NewBronze(spark, settings.bronze());
  }

  JobResult run(Contract contract, boolean rebuildState) {
    Instant started = settings.clock().instant();
    String job = contract.table();
    ContractCheck.check(spark, contract);
    List<Contract> parents = parentsOf(contract);
    String fingerprint = ContractFingerprint.of(contract, parents);
    Optional<JobState> state = rebuildState ? Optional.empty() : store.load(job);
    IncrementalPlan plan;
    if (state.isPresent()) {
      progress.stage(job, "listing Bronze to compare with the incremental state");
      plan = store.plan(state.get(), fingerprint, bronze.listings(contract, parents));
    } else {
      plan = null;
    }
    Optional<String> rebuild =
        plan == null
            ? Optional.of(rebuildState ? "asked to rebuild the state" : "no incremental state yet")
            : plan.fullRebuildReason();
    if (rebuild.isPresent()) {
      progress.log(job, "full rebuild: " + rebuild.get());
      try (FullState full = store.fullState(fingerprint)) {
        return new JobRunner(spark, settings, progress)
            .run(contract, Optional.of(full))
            .rebuiltFullyBecause(rebuild.get());
      }
    }
    if (plan.newFileCount() == 0) {
      progress.stage(job, "nothing new: every Bronze file is already applied");
      return JobResult.upToDate(job, Duration.between(started, settings.clock().instant()));
    }
    return apply(contract, parents, state.get(), plan, fingerprint, started);
  }

  private JobResult apply(
      Contract contract,
      List<Contract> parents,
      JobState base,
      IncrementalPlan plan,
      String fingerprint,
      Instant started) {
    String job = contract.table();
    List<String> key = contract.key();
    progress.stage(job, "reading %,d new Bronze files", plan.newFileCount());
    List<Dataset<Row>> persisted = new ArrayList<>();
    Map<Contract, Dataset<Row>> parentChanges = new LinkedHashMap<>();
    Map<String, Dataset<Row>> parentLatest = new LinkedHashMap<>();
    Dataset<Row> ownState = store.ownRows(base);
    Dataset<Row> children = null;
    for (Contract parent : parents) {
      Dataset<Row> old = store.sourceRows(base, parent.table());
      List<ListedFile> fresh = plan.newFiles().get(parent.table());
      if (fresh.isEmpty()) {
        parentLatest.put(parent.table(), old);
        continue;
      }
      BronzeEvents read = bronze.read(parent, fresh, base);
      Dataset<Row> events = keep(read.events(), persisted);
      Dataset<Row> near = nearKeysOf(read, events, old, parent.key());
      Dataset<Row> prior = Increment.priorOf(events, near, parent.key()).localCheckpoint(true);
      Dataset<Row> changed =
          Increment.resolveAgainst(events, prior, parent.key()).localCheckpoint(true);
      parentChanges.put(parent, changed);
      parentLatest.put(parent.table(), Increment.updated(old, changed, parent));
      Dataset<Row> touched = keep(Increment.touched(near, changed, parent), persisted);
      for (Enrichment enrichment : contract.enrichments()) {
        if (enrichment.fromContract().equals(parent.table())) {
          Dataset<Row> lookedUp = ownState.where(KeyRange.lookedUpBy(touched, enrichment).filter());
          Dataset<Row> found = Increment.childrenOf(lookedUp, enrichment, touched);
          children = children == null ? found : children.unionByName(found);
        }
      }
    }
    List<ListedFile> ownFresh = plan.newFiles().get(job);
    BronzeEvents ownEvents = ownFresh.isEmpty() ? null : bronze.read(contract, ownFresh, base);
    BronzeInventory inventory =
        ownEvents == null
            ? new BronzeInventory(
                contract.bronze().table(),
                settings.bronze().tableFolder(contract.bronze()),
                Collections.emptyList())
            : ownEvents.inventory();
    Dataset<Row> prior;
    Dataset<Row> changedOwn;
    if (ownEvents == null) {
      prior = ownState.where(lit(false));
      changedOwn = Increment.noChanges(ownState);
    } else {
      Dataset<Row> events = keep(ownEvents.events(), persisted);
      Dataset<Row> near = nearKeysOf(ownEvents, events, ownState, key);
      // Materialised once each: used by several later steps, they must not read the state again.
      prior = Increment.priorOf(events, near, key).localCheckpoint(true);
      changedOwn = Increment.resolveAgainst(events, prior, key).localCheckpoint(true);
    }
    Dataset<Row> latest =
        Increment.rowsToEvaluate(
            changedOwn, prior, Increment.quarantinedIn(ownState), children, key);
    for (Enrichment enrichment : contract.enrichments()) {
      Contract parent = settings.contracts().get(enrichment.fromContract());
      latest =
          EnrichmentJoin.apply(
              latest,
              enrichment,
              JobRunner.currentRowsOf(parentLatest.get(parent.table()), parent, enrichment));
    }
    latest = DerivedColumns.apply(latest, contract.derived());
    Validation validation = Validation.of(contract, started.plus(settings.futureTolerance()));
    Dataset<Row> validated = validation.apply(latest);
    try {
      progress.stage(job, "resolving and validating the changed keys");
      // Materialised once, its lineage cut: every later step (counts, ranges, the MERGEs) then
      // plans over the decided rows alone, not over the joins that decided them.
      Dataset<Row> checked =
          UnreadableFile.explained(inventory, () -> validated.localCheckpoint(true));
      OutcomeCounts changes = OutcomeCounts.of(checked, validation.reasons());
      JobRunner.checkBeforeWriting(contract, inventory, changes);
      Snapshot silverBase =
          new Publisher(spark, settings.catalog(), settings.writes()).current(job).get();
      DecidedRanges decided = DecidedRanges.of(checked, key);
      long validTotal =
          Long.parseLong(silverBase.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP))
              - decided.validBefore
              + changes.validRows();
      OutcomeCounts counts = changes.withTotals(validTotal, base.newestCommit());
      progress.stage(
          job,
          "%,d keys decided again: %,d valid, %,d quarantined, %,d deleted; Silver will hold %,d"
              + " rows",
          changes.currentRows() + changes.deletedKeys(),
          changes.validRows(),
          changes.quarantinedRows(),
          changes.deletedKeys(),
          validTotal);

      // A projection of checked, which is materialised: DecidedRanges drew its range already.
      Dataset<Row> silverChanges =
          SilverRows.changes(contract, checked.where(Increment.changesSilver()));
      KeyRange silverRange = decided.silverChanges;
      progress.log(job, "Silver changes: " + silverRange);
      PublishStep.Outcome outcome =
          new PublishStep(spark, settings, progress)
              .publish(
                  contract,
                  inventory,
                  checked,
                  counts,
                  (publisher, silver, record) ->
                      SilverMerge.stage(
                          spark,
                          settings.catalog(),
                          settings.writes(),
                          job,
                          silver.get(),
                          new SilverMerge.Changes(
                              silverChanges, silverRange.rows(), silverRange.sqlCondition("t")),
                          key,
                          SilverRows.names(contract),
                          validTotal,
                          record));
      if (outcome instanceof PublishStep.Published) {
        long silverSnapshot = ((PublishStep.Published) outcome).publication.silverSnapshotId();
        progress.stage(job, "committing the incremental state");
        store.apply(
            base,
            contract,
            checked,
            decided.stateChanges,
            parentChanges,
            newFileRows(contract, parents, plan),
            new StateSummary(
                fingerprint,
                silverSnapshot,
                base.fullLoadStarts(tablesOf(contract, parents)),
                counts.newestCommit()),
            RunRecord.builder(settings.runId(), job).build());
      }
      Duration duration = Duration.between(started, settings.clock().instant());
      JobResult.BronzeFigures figures =
          new JobResult.BronzeFigures(
              inventory,
              ownEvents == null ? Collections.<String>emptySet() : ownEvents.ignoredColumns());
      return outcome.result(job, duration, figures, counts).appliedIncrementally();
    } finally {
      for (Dataset<Row> kept : persisted) {
        kept.unpersist();
      }
    }
  }

  /** The rows of {@code state} near the keys of new events: the first action reading them. */
  private static Dataset<Row> nearKeysOf(
      BronzeEvents read, Dataset<Row> events, Dataset<Row> state, List<String> key) {
    return state.where(
        UnreadableFile.explained(read.inventory(), () -> KeyRange.of(events, key)).filter());
  }

  private static Dataset<Row> keep(Dataset<Row> rows, List<Dataset<Row>> persisted) {
    Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(kept);
    return kept;
  }

  private Dataset<Row> newFileRows(
      Contract contract, List<Contract> parents, IncrementalPlan plan) {
    List<Contract> sources = new ArrayList<>();
    sources.add(contract);
    sources.addAll(parents);
    Dataset<Row> rows = null;
    for (Contract source : sources) {
      Dataset<Row> files =
          store.newFileRows(source.table(), plan.newFiles().get(source.table()), settings.runId());
      rows = rows == null ? files : rows.union(files);
    }
    return rows;
  }

  private static List<String> tablesOf(Contract contract, List<Contract> parents) {
    List<String> tables = new ArrayList<>();
    tables.add(contract.table());
    for (Contract parent : parents) {
      tables.add(parent.table());
    }
    return tables;
  }

  private List<Contract> parentsOf(Contract contract) {
    List<Contract> parents = new ArrayList<>();
    for (Enrichment enrichment : contract.enrichments()) {
      Contract parent = settings.contracts().get(enrichment.fromContract());
      if (!parents.contains(parent) && !parent.table().equals(contract.table())) {
        parents.add(parent);
      }
    }
    return parents;
  }
}
