package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.ListedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What an incremental run will do: apply the new files, do nothing, or fall back on a full rebuild
 * for a stated reason. Decided from the listing alone; no Bronze file is read to decide.
 */
public final class IncrementalPlan {
  private final String fullRebuildReason;
  private final Map<String, List<ListedFile>> newFiles;

  private IncrementalPlan(String fullRebuildReason, Map<String, List<ListedFile>> newFiles) {
    this.fullRebuildReason = fullRebuildReason;
    this.newFiles = Collections.unmodifiableMap(new LinkedHashMap<>(newFiles));
  }

  static IncrementalPlan fullRebuild(String reason) {
    return new IncrementalPlan(
        requireNonNull(reason, "reason is null"), Collections.<String, List<ListedFile>>emptyMap());
  }

  /**
   * @param listed each source's files now, by source table (the job's own first)
   * @param silver the job's Silver table
   */
  static IncrementalPlan decide(
      JobState state,
      String fingerprint,
      Map<String, List<ListedFile>> listed,
      Map<String, Map<String, AppliedFile>> applied,
      Table silver) {
    if (!state.contractFingerprint().equals(fingerprint)) {
      return fullRebuild("the contract changed since the incremental state was built");
    }
    Optional<String> silverMoved = silverMovedSince(silver, state.silverSnapshot());
    if (silverMoved.isPresent()) {
      return fullRebuild(silverMoved.get());
    }
    Map<String, List<ListedFile>> fresh = new LinkedHashMap<>();
    for (Map.Entry<String, List<ListedFile>> source : listed.entrySet()) {
      if (!state.knowsFullLoadStartOf(source.getKey())) {
        return fullRebuild("the state holds nothing of " + source.getKey());
      }
      Map<String, AppliedFile> done =
          applied.getOrDefault(source.getKey(), Collections.<String, AppliedFile>emptyMap());
      Map<String, ListedFile> now = new LinkedHashMap<>();
      List<ListedFile> added = new ArrayList<>();
      for (ListedFile file : source.getValue()) {
        now.put(file.path(), file);
        AppliedFile before = done.get(file.path());
        if (before == null) {
          if (file.isFullLoad()) {
            return fullRebuild("a new full load of " + source.getKey() + ": " + file.path());
          }
          added.add(file);
        } else if (before.sizeInBytes != file.sizeInBytes()
            || before.modifiedAtMillis != file.modifiedAtMillis()) {
          return fullRebuild("a Bronze file changed after it was applied: " + file.path());
        }
      }
      for (String path : done.keySet()) {
        if (!now.containsKey(path)) {
          return fullRebuild("a Bronze file applied before is gone: " + path);
        }
      }
      fresh.put(source.getKey(), added);
    }
    return new IncrementalPlan(null, fresh);
  }

  /**
   * Why Silver is not the table the state describes, if it is not: the state recorded the snapshot
   * it published, and since then only compaction (replace) may have committed.
   */
  private static Optional<String> silverMovedSince(Table silver, long published) {
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(silver)) {
      if (snapshot.snapshotId() == published) {
        return Optional.empty();
      }
      if (!DataOperations.REPLACE.equals(snapshot.operation())) {
        return Optional.of(
            String.format(
                "Silver snapshot %d was written by another run after the incremental state"
                    + " (which describes snapshot %d)",
                snapshot.snapshotId(), published));
      }
    }
    return Optional.of(
        String.format(
            "Silver no longer holds snapshot %d, which the incremental state describes",
            published));
  }

  public Optional<String> fullRebuildReason() {
    return Optional.ofNullable(fullRebuildReason);
  }

  /** New files by source table; empty lists for sources with none. */
  public Map<String, List<ListedFile>> newFiles() {
    return newFiles;
  }

  public int newFileCount() {
    int count = 0;
    for (List<ListedFile> files : newFiles.values()) {
      count += files.size();
    }
    return count;
  }
}
