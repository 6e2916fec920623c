package dev.dmssilver.demo;

import java.time.Instant;
import java.util.PriorityQueue;

/** The simulation's timeline: steps run in time order, and in the order scheduled on a tie. */
final class ShopSchedule {
  private final PriorityQueue<Action> actions = new PriorityQueue<>();
  private long actionSequence;

  /** Schedules {@code step} to run at {@code time}. */
  void at(Instant time, Step step) {
    actions.add(new Action(time, actionSequence++, step));
  }

  /** Runs every step scheduled before {@code end}, in time order. */
  void runUntil(Instant end) {
    while (!actions.isEmpty() && actions.peek().time.isBefore(end)) {
      Action action = actions.poll();
      action.step.run(action.time);
    }
  }

  /** One step of the simulation, run at its scheduled time. */
  interface Step {
    void run(Instant time);
  }

  private static final class Action implements Comparable<Action> {
    final Instant time;
    final long sequence;
    final Step step;

    Action(Instant time, long sequence, Step step) {
      this.time = time;
      this.sequence = sequence;
      this.step = step;
    }

    @Override
    public int compareTo(Action other) {
      int byTime = time.compareTo(other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Action && compareTo((Action) other) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sequence);
    }
  }
}
