package dev.dmssilver.cli;

import dev.dmssilver.LocalFolders;
import dev.dmssilver.bench.BenchBronze;
import dev.dmssilver.bench.BenchPlan;
import dev.dmssilver.bench.BenchReport;
import dev.dmssilver.bench.BenchReport.JobFigures;
import dev.dmssilver.bench.BenchVariant;
import dev.dmssilver.bench.Benchmark;
import dev.dmssilver.bench.CaptureBenchmark;
import dev.dmssilver.bench.FreshProcesses;
import dev.dmssilver.bench.IncrementSize;
import dev.dmssilver.bench.IncrementalBench;
import dev.dmssilver.bench.IncrementalBenchReport;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.lakehouse.CatalogSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    description =
        "Generate demo Bronze of a given size and time, per job and side by side (warm in "
            + "this one process, or each run a whole fresh process with --fresh-processes): "
            + "the scan floor (read every event, discard it), the copy "
            + "floor (read every event, write it unchanged to an Iceberg table partitioned "
            + "like Silver), the Silver job, and the old PySpark jobs' algorithm on the same "
            + "engine. Prints seconds, events per second, ratios to the copy floor, peak "
            + "memory, bytes spilled and the passes Spark made over Bronze (rows read / "
            + "events). Several sizes add a scaling table.",
    mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @Option(
      names = "--events",
      split = ",",
      defaultValue = "2000000",
      paramLabel = "N",
      description =
          "About N Bronze events in the (first) job's table; the generator writes the "
              + "other tables in proportion. Several sizes, comma-separated, measure how the "
              + "job scales: each is generated in a folder of its own, every round measures "
              + "every size, largest first, and they are reported smallest first. "
              + "Default: ${DEFAULT-VALUE}.")
  List<Long> sizes;

  @Mixin GeneratorShapeOptions generator;

  @Option(
      names = "--bronze",
      split = ",",
      paramLabel = "DIR",
      description =
          "Benchmark existing Bronze in this local folder (from `silver generate`, or "
              + "your own DMS files) instead of generating it; --events and the generator's "
              + "options are then ignored. Several folders, comma-separated, are sizes of one "
              + "history and add a scaling table: every round measures every size, largest first "
              + "(so that the JIT is warm for the small ones and the host's drift falls on all "
              + "sizes alike), and they are reported smallest first.")
  List<Path> existingBronze;

  @Option(
      names = "--capture",
      paramLabel = "CHANGES",
      description =
          "Instead: time the PostgreSQL capture on this many changes (a throwaway PostgreSQL"
              + " with the seed's schema), beside the server's decoding alone.")
  Integer captureChanges;

  @Option(
      names = "--dir",
      defaultValue = "silver-bench",
      paramLabel = "DIR",
      description =
          "Where to put generated Bronze (DIR/bronze/N-events) and the benchmark's tables."
              + " Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(
      names = "--jobs",
      split = ",",
      defaultValue = "fact_orders",
      paramLabel = "NAME",
      description = "Jobs to benchmark, comma-separated. Default: ${DEFAULT-VALUE}.")
  List<String> jobs;

  @Option(
      names = "--variants",
      split = ",",
      defaultValue = "scan,copy,silver,old",
      paramLabel = "NAME",
      description =
          "What to time, comma-separated: scan, copy, silver, old. Ratios need copy. "
              + "Default: ${DEFAULT-VALUE}.")
  List<String> variantNames;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Time every variant N times at every size, taking turns, and report each one's "
              + "median run. "
              + "Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Option(
      names = "--warm-up",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run every variant untimed, --warm-up-rounds times, before timing (the default), so "
              + "that none pays the JVM's and Spark's warm-up for the others. --no-warm-up times "
              + "cold runs: run one variant per process with --repeat 1 to see what a fresh "
              + "process, such as a Glue job, pays.")
  boolean warmUp;

  @Option(
      names = "--warm-up-rounds",
      defaultValue = "" + Benchmark.DEFAULT_WARM_UP_ROUNDS,
      paramLabel = "N",
      description =
          "How many untimed rounds the warm-up runs, each running every variant once, at every"
              + " size. Default: ${DEFAULT-VALUE}; one leaves the JIT's optimizing compiler"
              + " still at work on the first size's timed runs.")
  int warmUpRounds;

  @Option(
      names = "--fresh-processes",
      description =
          "Time every run as a whole fresh process of its own (a new JVM that starts Spark,"
              + " runs one variant once and exits), as bin/silver run and a Glue job pay:"
              + " start-up, class loading and the JIT's compiling included. Variants still take"
              + " turns, --repeat times; --warm-up does not apply. Without it, runs are timed"
              + " warm, side by side in this process.")
  boolean freshProcesses;

  @Option(
      names = "--incremental",
      paramLabel = "SHARE",
      description =
          "Time an incremental run of the newest SHARE of the job's events (0.01 is 1%%) beside a"
              + " full rebuild, warm and as whole processes, at every size; and warm again with the"
              + " Silver changes written as an overwrite of the months they touch instead of the"
              + " MERGE (docs/incremental.md).")
  Double incrementalShare;

  @Option(
      names = "--incremental-events",
      paramLabel = "N",
      description = "As --incremental, but the newest N of the job's events at every size.")
  Long incrementalEvents;

  @Option(
      names = "--json",
      arity = "0..1",
      description = "Print the figures as JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() throws java.sql.SQLException {
    if (captureChanges != null) {
      // The capture's own benchmark: PostgreSQL to Parquet, beside the server's decoding alone.
      LocalFolders.deleteRecursively(dir.resolve("capture"));
      CaptureBenchmark.run(
          captureChanges, DmsEndpoint.seed(), dir.resolve("capture"), spec.commandLine().getOut());
      return 0;
    }
    Contracts known = contracts.load();
    List<Contract> selected = new ArrayList<>();
    for (String job : jobs) {
      selected.add(known.get(job));
    }
    List<BenchVariant> variants = variants();
    IncrementSize increment = increment();
    // Absolute paths, largest first, as the Bronze settings and the child processes take them.
    List<Path> bronzeBySize =
        existingBronze != null
            ? BenchBronze.existing(existingBronze)
            : BenchBronze.generated(
                selected.get(0), sizes, generator::options, dir, spec.commandLine().getErr());
    if (increment != null) {
      return measureIncremental(selected.get(0), known, bronzeBySize, increment);
    }
    BenchPlan plan =
        new BenchPlan(selected, variants, repeat, warmUp ? warmUpRounds : 0, bronzeBySize);
    List<JobFigures> figures =
        freshProcesses
            ? plan.inFreshProcesses(freshProcesses())
            : measureInThisProcess(plan, known);

    print(figures);
    return 0;
  }

  /** The variants named by --variants, after checking the counts that go with them. */
  private List<BenchVariant> variants() {
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be at least 1");
    }
    if (warmUpRounds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--warm-up-rounds must be at least 1; --no-warm-up turns it off");
    }
    List<BenchVariant> variants = new ArrayList<>();
    for (String name : variantNames) {
      try {
        variants.add(BenchVariant.byShortName(name.trim()));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return variants;
  }

  private void print(List<JobFigures> figures) {
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.print(
        json
            ? BenchReport.toJson(figures, cores, maxHeap, freshProcesses) + "\n"
            : BenchReport.render(figures, cores, maxHeap, freshProcesses));
    out.flush();
  }

  /** Warm runs side by side in this process, on one Spark session and a fresh warehouse. */
  private List<JobFigures> measureInThisProcess(BenchPlan plan, Contracts known) {
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    LocalFolders.deleteRecursively(warehouse);
    CatalogSettings catalog = CatalogSettings.local(warehouse.toString());
    return plan.inThisProcess(engine.start("silver bench", catalog), catalog, known);
  }

  /** The increment --incremental or --incremental-events asks for (not both), or null. */
  private IncrementSize increment() {
    if (incrementalShare != null && incrementalEvents != null) {
      throw new ParameterException(
          spec.commandLine(), "--incremental and --incremental-events exclude each other");
    }
    try {
      return incrementalShare != null
          ? IncrementSize.share(incrementalShare)
          : incrementalEvents != null ? IncrementSize.events(incrementalEvents) : null;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private int measureIncremental(
      Contract job, Contracts known, List<Path> bronzeBySize, IncrementSize increment) {
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    LocalFolders.deleteRecursively(warehouse);
    SparkSession spark = engine.start("silver bench", CatalogSettings.local(warehouse.toString()));
    List<String> silver =
        FreshProcesses.asBinSilverRuns(SilverCli.class.getName(), dir.resolve("processes"));
    List<IncrementalBench.Figures> figures =
        new IncrementalBench(spark, known, job, dir, silver)
            .measure(bronzeBySize, increment, repeat);
    PrintWriter out = spec.commandLine().getOut();
    out.print(IncrementalBenchReport.render(figures, increment));
    out.flush();
    return 0;
  }

  /** Starts each run as this command again, on the same contracts and settings. */
  private FreshProcesses freshProcesses() {
    List<String> arguments =
        new ArrayList<>(Arrays.asList("bench", "--dir", dir.toAbsolutePath().toString()));
    if (contracts.contracts != null) {
      arguments.addAll(
          Arrays.asList("--contracts", contracts.contracts.toAbsolutePath().toString()));
    }
    if (engine.shufflePartitions != null) {
      arguments.addAll(Arrays.asList("--shuffle-partitions", engine.shufflePartitions.toString()));
    }
    if (engine.verbose) {
      arguments.add("--verbose");
    }
    return FreshProcesses.likeThisJvm(
        SilverCli.class.getName(), arguments, dir.resolve("processes").toAbsolutePath());
  }
}
