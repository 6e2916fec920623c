package dev.dmssilver.quality;

import dev.dmssilver.contract.GatePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Write, audit, publish: the audit. Judges a run's figures against the contract's thresholds before
 * Silver is replaced. Every input is a figure the job already has (its counts, and the row count in
 * the current snapshot's summary), so the gate costs nothing.
 */
public final class PublishGate {
  private PublishGate() {}

  /**
   * @param counts the run's figures
   * @param previousSilverRows rows in the Silver snapshot this run would replace; empty for a table
   *     that has never been published
   */
  public static GateVerdict evaluate(
      GatePolicy policy, OutcomeCounts counts, OptionalLong previousSilverRows) {
    List<String> failures = new ArrayList<>();
    long current = counts.currentRows();
    if (current >= policy.minRows() && current > 0) {
      double share = (double) counts.quarantinedRows() / current;
      if (share > policy.maxQuarantineShare()) {
        failures.add(
            String.format(
                "quarantined %.1f%% of %,d current rows (limit %.1f%%)",
                share * 100, current, policy.maxQuarantineShare() * 100));
      }
    }
    if (previousSilverRows.isPresent()) {
      long previous = previousSilverRows.getAsLong();
      long next = counts.validRows();
      if (previous > 0 && next == 0) {
        failures.add(String.format("Silver would be empty but has %,d rows", previous));
      } else if (previous >= policy.minRows() && previous > 0 && next < previous) {
        double drop = (double) (previous - next) / previous;
        if (drop > policy.maxRowDrop()) {
          failures.add(
              String.format(
                  "Silver would shrink %.1f%% from %,d to %,d rows (limit %.1f%%)",
                  drop * 100, previous, next, policy.maxRowDrop() * 100));
        }
      }
    }
    return new GateVerdict(failures, false);
  }
}
