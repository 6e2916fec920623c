package dev.dmssilver.bench;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.BronzeReader;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each variant over the same Bronze table in one JVM, one after the other, after untimed
 * warm-up rounds, and measures wall time, peak memory, spills and the Bronze scans Spark ran. With
 * repeats, the variants take turns round by round, and each reports its median run. Given several
 * sizes of one history, every round runs every variant at every size, so that the host's drift
 * falls on all sizes alike instead of on whichever ran last.
 */
public final class Benchmark {
  private final SparkSession spark;
  private final List<RunSettings> sizes;

  public Benchmark(SparkSession spark, RunSettings settings) {
    this(spark, Collections.singletonList(settings));
  }

  /**
   * @param sizes settings that read Bronze of several sizes of one history, in the order each round
   *     runs them
   */
  public Benchmark(SparkSession spark, List<RunSettings> sizes) {
    this.spark = requireNonNull(spark, "spark is null");
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("Cannot benchmark no Bronze");
    }
    this.sizes = Collections.unmodifiableList(new ArrayList<>(sizes));
  }

  /**
   * Warm-up rounds by default. One is not enough: on this 2-core machine, after one untimed run of
   * a 1 M-event job, the next took 4.4 s and the four after it 2.6-3.1 s, as the JIT's optimizing
   * compiler was still at work on the sort, the window and the writer.
   */
  public static final int DEFAULT_WARM_UP_ROUNDS = 2;

  public List<Measurement> run(Contract contract, List<BenchVariant> variants) {
    return run(contract, variants, 1, DEFAULT_WARM_UP_ROUNDS);
  }

  /** {@link #runEachSize} for a benchmark of one size: each variant's median run. */
  public List<Measurement> run(
      Contract contract, List<BenchVariant> variants, int repeats, int warmUpRounds) {
    if (sizes.size() != 1) {
      throw new IllegalStateException(
          "A benchmark of " + sizes.size() + " sizes has no one result");
    }
    return runEachSize(contract, variants, repeats, warmUpRounds).get(0);
  }

  /**
   * Runs every variant {@code repeats} times at every size, in turns, and keeps each one's median
   * run: each size's medians, in the order of the sizes.
   *
   * @param warmUpRounds how many times to run every variant at every size, untimed, first. Class
   *     loading, JIT compilation and Spark's first-job costs are paid there; without them,
   *     whichever variant runs first pays them for the code paths it shares with the others (the
   *     Parquet reader, the sort, the Iceberg writer) and looks slower, and the first sizes of a
   *     scaling series look dearer per event than they are. 0 times cold runs: one variant per
   *     process shows what a fresh process pays.
   */
  public List<List<Measurement>> runEachSize(
      Contract contract, List<BenchVariant> variants, int repeats, int warmUpRounds) {
    if (repeats < 1) {
      throw new IllegalArgumentException("Cannot repeat a benchmark " + repeats + " times");
    }
    if (warmUpRounds < 0) {
      throw new IllegalArgumentException("Cannot warm up " + warmUpRounds + " times");
    }
    long[] events = new long[sizes.size()];
    HeapShrinking shrinking = HeapShrinking.suspend();
    try {
      for (RunSettings size : sizes) {
        JobRuns.prepareShared(spark, size);
      }
      for (int round = 0; round < warmUpRounds; round++) {
        for (RunSettings size : sizes) {
          for (BenchVariant variant : variants) {
            variant.run(spark, size, contract);
          }
        }
      }
      for (int i = 0; i < sizes.size(); i++) {
        events[i] =
            BronzeReader.read(spark, contract, sizes.get(i).bronze()).inventory().eventCount();
      }
      return inTurns(
          sizes.size(),
          variants,
          repeats,
          (size, variant) -> measure(variant, sizes.get(size), contract, events[size]));
    } finally {
      shrinking.resume();
    }
  }

  /** One timed run of a variant at one size, given by its index in the benchmark's sizes. */
  interface TimedRun {
    Measurement run(int size, BenchVariant variant);
  }

  /**
   * Runs every variant {@code repeats} times (at least once) at each of {@code sizeCount} sizes, in
   * turns: every round runs every variant at every size, in order, so that the host's drift falls
   * on all of them alike. Each size's medians, in the order of the sizes.
   */
  static List<List<Measurement>> inTurns(
      int sizeCount, List<BenchVariant> variants, int repeats, TimedRun timedRun) {
    List<Map<BenchVariant, List<Measurement>>> runs = new ArrayList<>();
    for (int size = 0; size < sizeCount; size++) {
      runs.add(new LinkedHashMap<>());
    }
    for (int round = 0; round < repeats; round++) {
      for (int size = 0; size < sizeCount; size++) {
        for (BenchVariant variant : variants) {
          runs.get(size)
              .computeIfAbsent(variant, unused -> new ArrayList<>())
              .add(timedRun.run(size, variant));
        }
      }
    }
    List<List<Measurement>> medians = new ArrayList<>();
    for (Map<BenchVariant, List<Measurement>> ofSize : runs) {
      medians.add(medians(ofSize));
    }
    return medians;
  }

  /** Each variant's median run. */
  private static List<Measurement> medians(Map<BenchVariant, List<Measurement>> runs) {
    List<Measurement> medians = new ArrayList<>();
    for (List<Measurement> ofVariant : runs.values()) {
      ofVariant.sort(Comparator.comparingDouble(Measurement::seconds));
      medians.add(ofVariant.get((ofVariant.size() - 1) / 2));
    }
    return medians;
  }

  private Measurement measure(
      BenchVariant variant, RunSettings settings, Contract contract, long events) {
    // The same clean heap for every variant; HeapShrinking keeps it from being given back.
    System.gc();
    ResourceUsage.reset();
    BronzeScanCounter scans =
        new BronzeScanCounter(settings.bronze().tableFolder(contract.bronze()));
    TaskTotals tasks = new TaskTotals();
    spark.listenerManager().register(scans);
    spark.sparkContext().addSparkListener(tasks);
    long started = System.nanoTime();
    double seconds;
    try {
      variant.run(spark, settings, contract);
      seconds = (System.nanoTime() - started) / 1e9;
      // Query listeners hear of queries asynchronously: let them catch up, untimed.
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    } finally {
      spark.listenerManager().unregister(scans);
      spark.sparkContext().removeSparkListener(tasks);
    }
    OptionalLong rss = ResourceUsage.peakRssBytes();
    return new Measurement(
        variant,
        contract.table(),
        events,
        seconds,
        seconds,
        tasks.cpuSeconds(),
        ResourceUsage.peakHeapBytes(),
        rss.isPresent() ? rss.getAsLong() : -1,
        tasks.diskBytesSpilled(),
        scans.passes(events));
  }

  /** One variant's figures. */
  public static final class Measurement {
    private final BenchVariant variant;
    private final String table;
    private final long events;
    private final double seconds;
    private final double inProcessSeconds;
    private final double taskCpuSeconds;
    private final long peakHeapBytes;
    private final long peakRssBytes;
    private final long spilledBytes;
    private final double bronzePasses;

    Measurement(
        BenchVariant variant,
        String table,
        long events,
        double seconds,
        double inProcessSeconds,
        double taskCpuSeconds,
        long peakHeapBytes,
        long peakRssBytes,
        long spilledBytes,
        double bronzePasses) {
      this.variant = variant;
      this.table = table;
      this.events = events;
      this.seconds = seconds;
      this.inProcessSeconds = inProcessSeconds;
      this.taskCpuSeconds = taskCpuSeconds;
      this.peakHeapBytes = peakHeapBytes;
      this.peakRssBytes = peakRssBytes;
      this.spilledBytes = spilledBytes;
      this.bronzePasses = bronzePasses;
    }

    public BenchVariant variant() {
      return variant;
    }

    public String table() {
      return table;
    }

    public long events() {
      return events;
    }

    /** The time compared: the variant's run, or its whole process when timed in fresh ones. */
    public double seconds() {
      return seconds;
    }

    /** The variant's run as timed inside its process, without the process's start-up. */
    public double inProcessSeconds() {
      return inProcessSeconds;
    }

    /**
     * The CPU time of the variant's Spark tasks: its work, whatever the host's other load; without
     * the driver's own (listing, planning, commits) and without start-up.
     */
    public double taskCpuSeconds() {
      return taskCpuSeconds;
    }

    public double eventsPerSecond() {
      return seconds > 0 ? events / seconds : 0;
    }

    public long peakHeapBytes() {
      return peakHeapBytes;
    }

    /** -1 where the platform does not say. */
    public long peakRssBytes() {
      return peakRssBytes;
    }

    /** Bytes Spark's tasks spilled to disk because memory was short. */
    public long spilledBytes() {
      return spilledBytes;
    }

    /** Rows Spark read from the job's Bronze Parquet files, divided by the events there. */
    public double bronzePasses() {
      return bronzePasses;
    }
  }
}
