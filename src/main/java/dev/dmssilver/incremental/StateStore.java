package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.ListedFile;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.lakehouse.TableRefs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Iceberg tables an incremental job keeps beside Silver, one set per job:
 *
 * <ul>
 *   <li>{@code silver_state_<job>}: each key's latest event, deletes included, and how it last came
 *       out (valid, quarantined, deleted). Its snapshot summary is the job's commit point: it names
 *       the snapshots of the two tables below that belong with it;
 *   <li>{@code silver_state_<job>__<source>}: the latest events of each entity the job enriches
 *       from, as this job has applied them;
 *   <li>{@code silver_state_<job>__files}: every Bronze file applied, with its size and time.
 * </ul>
 *
 * The tables merge on read, so applying a small change writes a small delete file; maintenance
 * compacts them like any other table.
 */
public final class StateStore {
  public static final String PREFIX = "silver_state_";
  static final StructType FILES_SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("size_in_bytes", DataTypes.LongType, false)
          .add("modified_at_millis", DataTypes.LongType, false)
          .add("run_id", DataTypes.StringType, false);

  private final SparkSession spark;
  private final CatalogSettings catalog;
  private final SilverTables tables;

  public StateStore(SparkSession spark, CatalogSettings catalog) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.tables = new SilverTables(spark, catalog);
  }

  public static String ownTable(String job) {
    return PREFIX + job;
  }

  public static String sourceTable(String job, String source) {
    return PREFIX + job + "__" + source;
  }

  public static String filesTable(String job) {
    return PREFIX + job + "__files";
  }

  /** The job's last committed state, or empty if no incremental run has committed one. */
  public Optional<JobState> load(String job) {
    Optional<Table> own = tables.find(ownTable(job));
    if (!own.isPresent()) {
      return Optional.empty();
    }
    // Compaction adds snapshots without a state summary: the state is the newest one with it.
    for (Snapshot snapshot = own.get().currentSnapshot();
        snapshot != null;
        snapshot = snapshot.parentId() == null ? null : own.get().snapshot(snapshot.parentId())) {
      if (JobState.isStateSummary(snapshot.summary())) {
        return Optional.of(new JobState(job, snapshot.snapshotId(), snapshot.summary()));
      }
    }
    return Optional.empty();
  }

  /** Decides what an incremental run of {@code state}'s job does with the files listed now. */
  public IncrementalPlan plan(
      JobState state, String fingerprint, Map<String, List<ListedFile>> listed) {
    Table silver = tables.require(state.job(), "run incrementally");
    return IncrementalPlan.decide(state, fingerprint, listed, appliedFiles(state), silver);
  }

  /** Where a full rebuild gathers the state it leaves for incremental runs. */
  public FullState fullState(String fingerprint) {
    return new FullState(this, fingerprint);
  }

  /** Each key's latest event and outcome, as of {@code state}. */
  public Dataset<Row> ownRows(JobState state) {
    return read(ownTable(state.job()), state.snapshotId());
  }

  /** The latest events of {@code source} as of {@code state}. */
  public Dataset<Row> sourceRows(JobState state, String source) {
    long snapshot =
        state
            .sourceSnapshot(source)
            .orElseThrow(
                () ->
                    damaged(
                        state.job(),
                        "it names no snapshot of " + sourceTable(state.job(), source)));
    return read(sourceTable(state.job(), source), snapshot);
  }

  /** The files applied as of {@code state}, by source and path. */
  Map<String, Map<String, AppliedFile>> appliedFiles(JobState state) {
    Map<String, Map<String, AppliedFile>> applied = new HashMap<>();
    for (Row row : read(filesTable(state.job()), state.filesSnapshot()).collectAsList()) {
      AppliedFile file =
          new AppliedFile(row.getString(0), row.getString(1), row.getLong(2), row.getLong(3));
      applied.computeIfAbsent(file.source, source -> new HashMap<>()).put(file.path, file);
    }
    return applied;
  }

  /** New files as rows of the files table. */
  public Dataset<Row> newFileRows(String source, List<ListedFile> files, String runId) {
    List<AppliedFile> applied = new ArrayList<>();
    for (ListedFile file : files) {
      applied.add(
          new AppliedFile(source, file.path(), file.sizeInBytes(), file.modifiedAtMillis()));
    }
    return fileRows(applied, runId);
  }

  Dataset<Row> fileRows(List<AppliedFile> files, String runId) {
    List<Row> rows = new ArrayList<>();
    for (AppliedFile file : files) {
      rows.add(
          RowFactory.create(
              file.source, file.path, file.sizeInBytes, file.modifiedAtMillis, runId));
    }
    return spark.createDataFrame(rows, FILES_SCHEMA);
  }

  /** Replaces every state table of the job, after a full rebuild; the own table last. */
  void replace(
      String job,
      Dataset<Row> ownRows,
      Map<String, Dataset<Row>> sourceRows,
      Dataset<Row> files,
      StateSummary summary,
      RunRecord record) {
    Map<String, Long> sourceSnapshots = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> source : sourceRows.entrySet()) {
      String table = sourceTable(job, source.getKey());
      createOrReplace(table, source.getValue(), record.properties());
      sourceSnapshots.put(source.getKey(), currentSnapshot(table));
    }
    createOrReplace(filesTable(job), files, record.properties());
    Map<String, String> properties = new LinkedHashMap<>(record.properties());
    properties.putAll(summary.toMap(currentSnapshot(filesTable(job)), sourceSnapshots));
    createOrReplace(ownTable(job), ownRows, properties);
  }

  /**
   * Applies an incremental run's changes: the sources' and the files first, on main (readers only
   * see them through the own table's pointers), then the own table on a branch that fast-forwards
   * main only if no other run committed since {@code base}.
   */
  public void apply(
      JobState base,
      Contract contract,
      Dataset<Row> checked,
      Map<Contract, Dataset<Row>> sourceChanges,
      Dataset<Row> newFiles,
      StateSummary summary,
      RunRecord record) {
    String job = base.job();
    Map<String, Long> sourceSnapshots = base.sourceSnapshots();
    for (Map.Entry<Contract, Dataset<Row>> source : sourceChanges.entrySet()) {
      Contract changed = source.getKey();
      String table = sourceTable(job, changed.table());
      StateMerge.newerOnly(
          spark,
          qualified(table),
          new SourceChanges(StateColumns.ofSource(source.getValue(), changed), changed.key()),
          record.properties());
      sourceSnapshots.put(changed.table(), currentSnapshot(table));
    }
    StateMerge.newFiles(spark, qualified(filesTable(job)), newFiles, record.properties());
    long filesSnapshot = currentSnapshot(filesTable(job));
    FailPoint.reach(FailPoint.STATE_SOURCES_COMMITTED);

    Table own = tables.require(ownTable(job), "update the incremental state of");
    String branch =
        "state_" + record.runId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    TableRefs.change(
        own,
        refs -> {
          if (own.refs().containsKey(branch)) {
            refs.removeBranch(branch);
          }
          return refs.createBranch(branch, base.snapshotId());
        });
    try {
      StateMerge.replaceKeys(
          spark,
          qualified(ownTable(job)) + ".`branch_" + branch + "`",
          new SourceChanges(StateColumns.ofOwn(checked, contract), contract.key()),
          record.properties());
      own.refresh();
      org.apache.iceberg.AppendFiles pointers = own.newAppend().toBranch(branch);
      summary.toMap(filesSnapshot, sourceSnapshots).forEach(pointers::set);
      record.properties().forEach(pointers::set);
      pointers.commit();
      fastForward(own, branch, base);
    } finally {
      own.refresh();
      if (own.refs().containsKey(branch)) {
        TableRefs.change(own, refs -> refs.removeBranch(branch));
      }
    }
  }

  private static void fastForward(Table own, String branch, JobState base) {
    try {
      TableRefs.change(own, refs -> refs.fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch));
    } catch (RuntimeException e) {
      own.refresh();
      throw new SilverException(
          SilverException.Kind.CONFLICT,
          String.format(
              "Cannot commit the incremental state of %s: another run committed it while this"
                  + " one ran (it read snapshot %d, main is now %d). Silver holds this run's"
                  + " changes; run again to bring the state up to date",
              base.job(), base.snapshotId(), own.currentSnapshot().snapshotId()),
          e);
    }
  }

  private void createOrReplace(String table, Dataset<Row> rows, Map<String, String> snapshot) {
    org.apache.spark.sql.DataFrameWriterV2<Row> writer = rows.writeTo(qualified(table));
    for (Map.Entry<String, String> property : snapshot.entrySet()) {
      writer = writer.option("snapshot-property." + property.getKey(), property.getValue());
    }
    org.apache.spark.sql.CreateTableWriter<Row> creating = writer.using("iceberg");
    for (Map.Entry<String, String> property : StateMerge.tableProperties().entrySet()) {
      creating = creating.tableProperty(property.getKey(), property.getValue());
    }
    creating.createOrReplace();
  }

  private Dataset<Row> read(String table, long snapshotId) {
    return spark
        .read()
        .format("iceberg")
        .option("snapshot-id", Long.toString(snapshotId))
        .load(qualified(table));
  }

  private long currentSnapshot(String table) {
    Table loaded = tables.require(table, "read the incremental state of");
    loaded.refresh();
    return loaded.currentSnapshot().snapshotId();
  }

  private String qualified(String table) {
    return catalog.qualified(table);
  }

  static SilverException damaged(String job, String why) {
    return new SilverException(
        SilverException.Kind.LAKEHOUSE,
        String.format(
            "The incremental state of %s is damaged: %s. Rebuild it with: silver run --table %s"
                + " --incremental --rebuild-state",
            job, why, job));
  }

  static String uniqueViewName(String purpose) {
    return "silver_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "");
  }
}
