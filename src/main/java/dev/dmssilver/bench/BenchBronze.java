package dev.dmssilver.bench;

import dev.dmssilver.LocalFolders;
import dev.dmssilver.SilverException;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.demo.DemoData;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.demo.DemoSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The Bronze folders a benchmark measures, as absolute paths, largest first. Sizes are measured
 * largest first (and reported smallest first): in one JVM the JIT's optimizing compiler keeps at
 * work for several runs, and a small size measured first is timed before it is done, so it looked
 * dearer per event than it is (docs/performance.md). Its long runs warm the JIT for the smaller
 * sizes after it.
 */
public final class BenchBronze {
  /** Events in the small generation that measures each table's share of the demo's events. */
  private static final long PILOT_EVENTS = 50_000;

  /** The least the demo generator writes. */
  private static final long MIN_GENERATED_EVENTS = 1_000;

  private BenchBronze() {}

  /** Existing Bronze folders, the one holding the most bytes first. */
  public static List<Path> existing(List<Path> folders) {
    Map<Path, Long> bytes = new HashMap<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        throw new SilverException(
            SilverException.Kind.CONFIGURATION,
            "Cannot benchmark --bronze " + folder + ": it is not a folder");
      }
      bytes.put(folder, LocalFolders.bytesUnder(folder));
    }
    List<Path> ordered = new ArrayList<>(folders);
    ordered.sort(Comparator.comparing(bytes::get, Comparator.reverseOrder()));
    List<Path> absolute = new ArrayList<>();
    for (Path folder : ordered) {
      absolute.add(folder.toAbsolutePath());
    }
    return absolute;
  }

  /**
   * Generates Bronze with about {@code sizes} events in {@code job}'s table, each size in a folder
   * of its own under {@code dir/bronze}; the generator writes the other tables in proportion.
   */
  public static List<Path> generated(
      Contract job,
      List<Long> sizes,
      LongFunction<DemoOptions> options,
      Path dir,
      PrintWriter err) {
    double share = shareOfEvents(job, options, dir, err);
    List<Long> largestFirst = new ArrayList<>(sizes);
    largestFirst.sort(Comparator.reverseOrder());
    Path generated = dir.resolve("bronze").toAbsolutePath();
    LocalFolders.deleteRecursively(generated);
    List<Path> folders = new ArrayList<>();
    for (long size : largestFirst) {
      Path bronze = generated.resolve(size + "-events");
      long total = Math.max(MIN_GENERATED_EVENTS, Math.round(size / share));
      DemoData.generate(bronze.toString(), options.apply(total), err);
      folders.add(bronze);
    }
    return folders;
  }

  /** The job's Bronze table's share of the events the generator writes, from a small pilot. */
  private static double shareOfEvents(
      Contract job, LongFunction<DemoOptions> options, Path dir, PrintWriter err) {
    Path pilot = dir.resolve("pilot").toAbsolutePath();
    LocalFolders.deleteRecursively(pilot);
    DemoSummary summary = DemoData.generate(pilot.toString(), options.apply(PILOT_EVENTS), err);
    LocalFolders.deleteRecursively(pilot);
    Long events = summary.eventsByTable().get(job.bronze().table());
    if (events == null || events == 0) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot benchmark "
              + job.table()
              + ": the demo generator writes no Bronze table "
              + job.bronze().table());
    }
    return (double) events / summary.events();
  }
}
