package dev.dmssilver.bench;

import dev.dmssilver.bench.IncrementalBench.Figures;
import dev.dmssilver.report.TextTable;
import java.util.Arrays;
import java.util.List;

/** The incremental benchmark's figures as text: each size side by side, then how they scale. */
public final class IncrementalBenchReport {
  private IncrementalBenchReport() {}

  /**
   * Each size with its two ratios, then the increment's cost from the smallest size to the largest.
   * The process ratio is to the faster of the full rebuild's two processes (bin/silver's default
   * JIT, or the full one), so that it never flatters the incremental run.
   */
  public static String render(List<Figures> figures, IncrementSize increment) {
    TextTable table =
        new TextTable(
            Arrays.asList(
                "events",
                "increment",
                "full warm",
                "incr. warm",
                "ratio",
                "full process",
                "same, full JIT",
                "incr. process",
                "ratio",
                "incr. warm, months overwrite"));
    for (Figures size : figures) {
      table.addRow(
          Arrays.asList(
              String.format("%,d", size.events),
              String.format("%,d", size.incrementEvents),
              String.format("%.1f s", size.fullWarm),
              String.format("%.1f s", size.incrementalWarm),
              String.format("%.2fx", size.incrementalWarm / size.fullWarm),
              String.format("%.1f s", size.fullProcess),
              String.format("%.1f s", size.fullProcessFullJit),
              String.format("%.1f s", size.incrementalProcess),
              String.format("%.2fx", size.incrementalProcess / size.fastestFullProcess()),
              Double.isNaN(size.monthsOverwriteWarm)
                  ? "not partitioned by month"
                  : String.format("%.1f s", size.monthsOverwriteWarm)));
    }
    StringBuilder text = new StringBuilder();
    text.append(String.format("Incremental run of %s%n", increment.describe()))
        .append(table.render())
        .append(
            String.format(
                "Processes are bin/silver run; the process ratio is to the faster full rebuild%n"));
    if (figures.size() > 1) {
      Figures smallest = figures.get(figures.size() - 1);
      Figures largest = figures.get(0);
      text.append(
          String.format(
              "The increment's cost from %,d to %,d events of history: %.2fx warm, %.2fx as"
                  + " processes (flat is 1.00x)%n",
              smallest.events,
              largest.events,
              largest.incrementalWarm / smallest.incrementalWarm,
              largest.incrementalProcess / smallest.incrementalProcess));
    }
    return text.toString();
  }
}
