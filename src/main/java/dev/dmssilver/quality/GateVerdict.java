package dev.dmssilver.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The publish gate's judgement on one run: which thresholds it broke, if any. */
public final class GateVerdict {
  /** How the verdict is recorded in snapshot summaries and run summaries. */
  public enum Outcome {
    PASSED,
    FAILED,
    /** Failed, but published anyway on the operator's explicit say-so. */
    ACCEPTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final List<String> failures;
  private final boolean accepted;

  GateVerdict(List<String> failures, boolean accepted) {
    this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
    this.accepted = accepted;
  }

  public List<String> failures() {
    return failures;
  }

  public Outcome outcome() {
    if (failures.isEmpty()) {
      return Outcome.PASSED;
    }
    return accepted ? Outcome.ACCEPTED : Outcome.FAILED;
  }

  /** Whether the run may replace Silver. */
  public boolean allowsPublishing() {
    return outcome() != Outcome.FAILED;
  }

  /** The same verdict, with failures accepted for publishing (--accept-gate-failure). */
  public GateVerdict accepted() {
    return new GateVerdict(failures, true);
  }

  @Override
  public String toString() {
    return failures.isEmpty() ? "passed" : String.join("; ", failures);
  }
}
