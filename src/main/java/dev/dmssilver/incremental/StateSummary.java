package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a state commit records besides the pointers it learns while committing. */
public final class StateSummary {
  private final String contractFingerprint;
  private final long silverSnapshot;
  private final Map<String, Optional<Instant>> fullLoadStarts;
  private final Optional<Instant> newestCommit;

  public StateSummary(
      String contractFingerprint,
      long silverSnapshot,
      Map<String, Optional<Instant>> fullLoadStarts,
      Optional<Instant> newestCommit) {
    this.contractFingerprint = requireNonNull(contractFingerprint, "contractFingerprint is null");
    this.silverSnapshot = silverSnapshot;
    this.fullLoadStarts = requireNonNull(fullLoadStarts, "fullLoadStarts is null");
    this.newestCommit = requireNonNull(newestCommit, "newestCommit is null");
  }

  Map<String, String> toMap(long filesSnapshot, Map<String, Long> sourceSnapshots) {
    return JobState.summary(
        contractFingerprint,
        silverSnapshot,
        filesSnapshot,
        sourceSnapshots,
        fullLoadStarts,
        newestCommit);
  }
}
