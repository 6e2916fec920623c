package dev.dmssilver.bench;

/**
 * How much of each history the benchmark's incremental run applies: a share of the job's events of
 * that size (0.01 is 1%), or the same number of events at every size. The second shows whether a
 * run's cost follows the change and not the history: only the history grows between sizes.
 */
public final class IncrementSize {
  private final double share;
  private final long events;

  private IncrementSize(double share, long events) {
    this.share = share;
    this.events = events;
  }

  /** The newest {@code share} of each size's job events; above 0 and below 1. */
  public static IncrementSize share(double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("An increment's share must be above 0 and below 1");
    }
    return new IncrementSize(share, 0);
  }

  /** The newest files holding at least {@code events} of the job's events, at every size. */
  public static IncrementSize events(long events) {
    if (events < 1) {
      throw new IllegalArgumentException("An increment must hold at least one event");
    }
    return new IncrementSize(Double.NaN, events);
  }

  /** How many of the job's events to hold back from a history of {@code total}. */
  long eventsOf(long total) {
    return Double.isNaN(share) ? events : (long) Math.ceil(share * total);
  }

  /** For the figures' heading: "the newest 1.0% of the job's events". */
  String describe() {
    return Double.isNaN(share)
        ? String.format("the newest %,d of the job's events at every size", events)
        : String.format("the newest %.1f%% of the job's events", share * 100);
  }
}
