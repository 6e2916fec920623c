package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.FailPoint;
import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.ListedFile;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.SilverTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
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

  /** State files are small, so each holds a narrow range of keys (see {@link StateLayout}). */
  public static final long TARGET_FILE_BYTES = StateLayout.TARGET_FILE_BYTES;

  /** The job whose state {@code table} is, if it is a state table. */
  public static Optional<String> jobOf(String table) {
    if (!table.startsWith(PREFIX) || table.length() == PREFIX.length()) {
      return Optional.empty();
    }
    String rest = table.substring(PREFIX.length());
    int source = rest.indexOf("__");
    return Optional.of(source < 0 ? rest : rest.substring(0, source));
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
    if (!own.isPresent() || own.get().currentSnapshot() == null) {
      return Optional.empty();
    }
    // Compaction adds snapshots without a state summary: the state is the newest one with it.
    // Read (and branch from) the newest snapshot if only compactions came after it: the same rows,
    // in fewer files, and main can still fast-forward to this run's commit.
    long current = own.get().currentSnapshot().snapshotId();
    boolean onlyCompactionsSince = true;
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(own.get())) {
      if (JobState.isStateSummary(snapshot.summary())) {
        long read = onlyCompactionsSince ? current : snapshot.snapshotId();
        return Optional.of(new JobState(job, read, snapshot.summary()));
      }
      onlyCompactionsSince &= DataOperations.REPLACE.equals(snapshot.operation());
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
    return read(state.job(), ownTable(state.job()), state.snapshotId());
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
    return read(state.job(), sourceTable(state.job(), source), snapshot);
  }

  /** The files applied as of {@code state}, by source and path. */
  Map<String, Map<String, AppliedFile>> appliedFiles(JobState state) {
    Map<String, Map<String, AppliedFile>> applied = new HashMap<>();
    for (Row row :
        read(state.job(), filesTable(state.job()), state.filesSnapshot()).collectAsList()) {
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
      Contract contract,
      Dataset<Row> ownRows,
      Map<Contract, Dataset<Row>> sourceRows,
      Dataset<Row> files,
      StateSummary summary,
      RunRecord record) {
    String job = contract.table();
    Map<String, Long> sourceSnapshots = new LinkedHashMap<>();
    for (Map.Entry<Contract, Dataset<Row>> source : sourceRows.entrySet()) {
      String table = sourceTable(job, source.getKey().table());
      write(table, source.getValue(), source.getKey().key(), record.properties());
      sourceSnapshots.put(source.getKey().table(), currentSnapshot(table));
    }
    write(filesTable(job), files, new ArrayList<String>(), record.properties());
    Map<String, String> properties = new LinkedHashMap<>(record.properties());
    properties.putAll(summary.toMap(currentSnapshot(filesTable(job)), sourceSnapshots));
    write(ownTable(job), ownRows, contract.key(), properties);
  }

  private void write(
      String table, Dataset<Row> rows, List<String> key, Map<String, String> snapshot) {
    StateLayout.write(tables, table, qualified(table), rows, key, snapshot);
  }

  /**
   * Applies an incremental run's changes: the sources' and the files first, on main (readers only
   * see them through the own table's pointers), then the own table on a branch that fast-forwards
   * main only if no other run committed since {@code base}. {@code ownChanges} is the key range of
   * the rows of {@code checked} that change the own table ({@link Increment#changesState()}).
   */
  public void apply(
      JobState base,
      Contract contract,
      Dataset<Row> checked,
      KeyRange ownChanges,
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
          SourceChanges.of(StateColumns.ofSource(source.getValue(), changed), changed.key()),
          record.properties());
      sourceSnapshots.put(changed.table(), currentSnapshot(table));
    }
    StateMerge.newFiles(spark, qualified(filesTable(job)), newFiles, record.properties());
    long filesSnapshot = currentSnapshot(filesTable(job));
    FailPoint.reach(FailPoint.STATE_SOURCES_COMMITTED);

    SourceChanges changes =
        new SourceChanges(
            StateColumns.ofOwn(checked.where(Increment.changesState()), contract),
            contract.key(),
            ownChanges);
    OwnStateCommit.commit(
        tables.require(ownTable(job), "update the incremental state of"),
        qualified(ownTable(job)),
        job,
        base.snapshotId(),
        record.runId(),
        "Silver holds this run's changes; run again to bring the state up to date",
        (own, onBranch) -> {
          if (changes.range.rows() > 0) {
            StateMerge.replaceKeys(spark, onBranch, changes, record.properties());
          }
          own.refresh();
          AppendFiles pointers = own.newAppend().toBranch(OwnStateCommit.branchOf(onBranch));
          summary.toMap(filesSnapshot, sourceSnapshots).forEach(pointers::set);
          record.properties().forEach(pointers::set);
          pointers.commit();
        });
  }

  /** A state table as of the snapshot the state points at; a missing one damages the state. */
  private Dataset<Row> read(String job, String table, long snapshotId) {
    Optional<Table> found = tables.find(table);
    if (!found.isPresent()) {
      throw damaged(job, "its table " + table + " is missing");
    }
    if (found.get().snapshot(snapshotId) == null) {
      throw damaged(job, "snapshot " + snapshotId + " of " + table + " is gone");
    }
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
            "The incremental state of %s is damaged: %s. Rebuild it with: silver run --job %s"
                + " --incremental --rebuild-state",
            job, why, job));
  }
}
