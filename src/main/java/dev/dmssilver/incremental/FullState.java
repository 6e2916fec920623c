package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.bronze.BronzeFile;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The state a full rebuild leaves for the incremental runs after it: gathered while the rebuild
 * reads (the same files, the same latest events), saved once it has published.
 */
public final class FullState implements AutoCloseable {
  private final StateStore store;
  private final String fingerprint;
  private final Map<Contract, Dataset<Row>> sources = new LinkedHashMap<>();
  private final Map<String, Optional<Instant>> fullLoadStarts = new LinkedHashMap<>();
  private final List<AppliedFile> files = new ArrayList<>();
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  FullState(StateStore store, String fingerprint) {
    this.store = requireNonNull(store, "store is null");
    this.fingerprint = requireNonNull(fingerprint, "fingerprint is null");
  }

  /** An entity the job enriches from, as the rebuild resolved it; kept in memory until saved. */
  public Dataset<Row> addSource(Contract source, Dataset<Row> latest, BronzeEvents events) {
    Dataset<Row> kept = latest.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(kept);
    sources.put(source, StateColumns.ofSource(kept, source));
    read(source, events);
    return kept;
  }

  /** Saves the state after the rebuild published Silver snapshot {@code silverSnapshot}. */
  public void save(
      Contract contract,
      Dataset<Row> checked,
      BronzeEvents events,
      long silverSnapshot,
      Optional<Instant> newestCommit,
      RunRecord record) {
    read(contract, events);
    // The own table last: its summary names the others' snapshots.
    Map<String, Optional<Instant>> starts = new LinkedHashMap<>();
    starts.put(contract.table(), fullLoadStarts.get(contract.table()));
    starts.putAll(fullLoadStarts);
    store.replace(
        contract,
        StateColumns.ofOwn(checked, contract),
        sources,
        store.fileRows(files, record.runId()),
        new StateSummary(fingerprint, silverSnapshot, starts, newestCommit),
        record);
  }

  private void read(Contract source, BronzeEvents events) {
    fullLoadStarts.put(source.table(), events.fullLoadStart());
    for (BronzeFile file : events.inventory().files()) {
      files.add(
          new AppliedFile(
              source.table(), file.path(), file.sizeInBytes(), file.modifiedAtMillis()));
    }
  }

  @Override
  public void close() {
    for (Dataset<Row> source : persisted) {
      source.unpersist();
    }
  }
}
