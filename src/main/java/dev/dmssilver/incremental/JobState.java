package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an incremental job last committed, as its state table's snapshot summary records it: the
 * contract fingerprint, the Silver snapshot it published, and the snapshots of its other state
 * tables (the applied files, and the latest events of each entity it enriches from) that belong to
 * it. Readers follow these pointers, so a run killed between its state commits is never half seen.
 */
public final class JobState {
  static final String PREFIX = "silver.state.";
  static final String CONTRACT = PREFIX + "contract";
  static final String SILVER_SNAPSHOT = PREFIX + "silver-snapshot";
  static final String FILES_SNAPSHOT = PREFIX + "files-snapshot";
  static final String SOURCE_SNAPSHOT = PREFIX + "snapshot.";
  static final String FULL_LOAD_START = PREFIX + "full-load-start.";
  static final String NEWEST_COMMIT = PREFIX + "newest-commit";

  private final String job;
  private final long snapshotId;
  private final Map<String, String> summary;

  JobState(String job, long snapshotId, Map<String, String> summary) {
    this.job = requireNonNull(job, "job is null");
    this.snapshotId = snapshotId;
    this.summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
  }

  /** The summary a state commit records; {@code sourceSnapshots} and starts by source table. */
  static Map<String, String> summary(
      String contractFingerprint,
      long silverSnapshot,
      long filesSnapshot,
      Map<String, Long> sourceSnapshots,
      Map<String, Optional<Instant>> fullLoadStarts,
      Optional<Instant> newestCommit) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(CONTRACT, contractFingerprint);
    summary.put(SILVER_SNAPSHOT, Long.toString(silverSnapshot));
    summary.put(FILES_SNAPSHOT, Long.toString(filesSnapshot));
    sourceSnapshots.forEach((source, id) -> summary.put(SOURCE_SNAPSHOT + source, id.toString()));
    fullLoadStarts.forEach(
        (source, start) ->
            summary.put(FULL_LOAD_START + source, start.map(Object::toString).orElse("")));
    summary.put(NEWEST_COMMIT, newestCommit.map(Object::toString).orElse(""));
    return summary;
  }

  static boolean isStateSummary(Map<String, String> summary) {
    return summary.containsKey(CONTRACT) && summary.containsKey(FILES_SNAPSHOT);
  }

  public String job() {
    return job;
  }

  /** The state table's snapshot this state was read from. */
  public long snapshotId() {
    return snapshotId;
  }

  public String contractFingerprint() {
    return summary.get(CONTRACT);
  }

  public long silverSnapshot() {
    return Long.parseLong(summary.get(SILVER_SNAPSHOT));
  }

  long filesSnapshot() {
    return Long.parseLong(summary.get(FILES_SNAPSHOT));
  }

  /** The snapshot of each source's state table that belongs with this state. */
  Map<String, Long> sourceSnapshots() {
    Map<String, Long> snapshots = new LinkedHashMap<>();
    summary.forEach(
        (key, value) -> {
          if (key.startsWith(SOURCE_SNAPSHOT)) {
            snapshots.put(key.substring(SOURCE_SNAPSHOT.length()), Long.parseLong(value));
          }
        });
    return snapshots;
  }

  OptionalLong sourceSnapshot(String source) {
    String id = summary.get(SOURCE_SNAPSHOT + source);
    return id == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(id));
  }

  /** When the source's full load started, as the run that built this state found it. */
  public Optional<Instant> fullLoadStart(String source) {
    return instant(summary.get(FULL_LOAD_START + source));
  }

  /** {@link #fullLoadStart} of each of {@code sources}, in order. */
  public Map<String, Optional<Instant>> fullLoadStarts(List<String> sources) {
    Map<String, Optional<Instant>> starts = new LinkedHashMap<>();
    for (String source : sources) {
      starts.put(source, fullLoadStart(source));
    }
    return starts;
  }

  public boolean knowsFullLoadStartOf(String source) {
    return summary.containsKey(FULL_LOAD_START + source);
  }

  /** The newest commit timestamp among every event applied so far. */
  public Optional<Instant> newestCommit() {
    return instant(summary.get(NEWEST_COMMIT));
  }

  private static Optional<Instant> instant(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
  }
}
