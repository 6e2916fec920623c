package dev.dmssilver.cli;

import dev.dmssilver.bench.BenchVariant;
import dev.dmssilver.bench.Benchmark;
import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.bench.CaptureBenchmark;
import dev.dmssilver.bench.FreshProcesses;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.cli.BenchReport.JobFigures;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoSummary;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
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
  /** Events in the small generation that measures each table's share of the demo's events. */
  private static final long PILOT_EVENTS = 50_000;

  /** The least the demo generator writes. */
  private static final long MIN_GENERATED_EVENTS = 1_000;

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
      names = "--json",
      arity = "0..1",
      description = "Print the figures as JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() throws java.sql.SQLException {
    if (captureChanges != null) {
      // The capture's own benchmark: PostgreSQL to Parquet, beside the server's decoding alone.
      DemoCommand.deleteRecursively(dir.resolve("capture"));
      CaptureBenchmark.run(
          captureChanges, DmsEndpoint.seed(), dir.resolve("capture"), spec.commandLine().getOut());
      return 0;
    }
    Contracts known = contracts.load();
    List<Contract> selected = new ArrayList<>();
    for (String job : jobs) {
      selected.add(known.get(job));
    }
    List<BenchVariant> variants = new ArrayList<>();
    for (String name : variantNames) {
      try {
        variants.add(BenchVariant.byShortName(name.trim()));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be at least 1");
    }
    if (warmUpRounds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--warm-up-rounds must be at least 1; --no-warm-up turns it off");
    }
    // Absolute paths, largest first, as the Bronze settings and the child processes take them.
    List<Path> bronzeBySize =
        existingBronze != null ? largestFirst(existingBronze) : generateLargestFirst(selected);
    // Every size is measured in every round, largest first (the JIT is warm for the small ones);
    // the figures are reported smallest first, each size's jobs in the order given.
    List<List<JobFigures>> figuresBySize =
        freshProcesses
            ? measureInFreshProcesses(bronzeBySize, selected, variants)
            : measureInThisProcess(bronzeBySize, known, selected, variants);
    List<JobFigures> figures = new ArrayList<>();
    for (List<JobFigures> ofSize : figuresBySize) {
      figures.addAll(0, ofSize);
    }

    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.print(
        json
            ? BenchReport.toJson(figures, cores, maxHeap, freshProcesses) + "\n"
            : BenchReport.render(figures, cores, maxHeap, freshProcesses));
    out.flush();
    return 0;
  }

  /**
   * The folders as absolute paths, the one holding the most bytes first. Sizes are measured largest
   * first (and reported smallest first): in one JVM the JIT's optimizing compiler keeps at work for
   * several runs, and a small size measured first is timed before it is done, so it looked dearer
   * per event than it is (README, Performance). Its long runs warm the JIT for the smaller sizes
   * after it.
   */
  private List<Path> largestFirst(List<Path> folders) {
    Map<Path, Long> bytes = new HashMap<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        throw new ParameterException(spec.commandLine(), "--bronze " + folder + " is not a folder");
      }
      try (Stream<Path> files = Files.walk(folder)) {
        bytes.put(
            folder,
            files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + folder, e);
      }
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
   * Generates Bronze of every {@code --events} size, each in a folder of its own: the folders as
   * absolute paths, largest first.
   */
  private List<Path> generateLargestFirst(List<Contract> selected) {
    PrintWriter err = spec.commandLine().getErr();
    double share = shareOfEvents(selected.get(0), err);
    List<Long> largestFirst = new ArrayList<>(sizes);
    largestFirst.sort(Comparator.reverseOrder());
    Path generated = dir.resolve("bronze").toAbsolutePath();
    DemoCommand.deleteRecursively(generated);
    List<Path> folders = new ArrayList<>();
    for (long size : largestFirst) {
      Path bronze = generated.resolve(size + "-events");
      long total = Math.max(MIN_GENERATED_EVENTS, Math.round(size / share));
      DemoData.generate(bronze.toString(), generator.options(total), err);
      folders.add(bronze);
    }
    return folders;
  }

  /** Warm runs side by side in this process, on one Spark session and a fresh warehouse. */
  private List<List<JobFigures>> measureInThisProcess(
      List<Path> bronzeBySize,
      Contracts known,
      List<Contract> selected,
      List<BenchVariant> variants) {
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    DemoCommand.deleteRecursively(warehouse);
    CatalogSettings catalog = CatalogSettings.local(warehouse.toString());
    SparkSession spark = engine.start("silver bench", catalog);
    List<RunSettings> sizes = new ArrayList<>();
    for (Path bronze : bronzeBySize) {
      sizes.add(
          RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), catalog, known)
              .acceptingGateFailures());
    }
    Benchmark benchmark = new Benchmark(spark, sizes);
    return bySize(
        bronzeBySize.size(),
        selected,
        contract -> benchmark.runEachSize(contract, variants, repeat, warmUp ? warmUpRounds : 0));
  }

  /** Each run in a process of its own: this command again, on the same contracts and settings. */
  private List<List<JobFigures>> measureInFreshProcesses(
      List<Path> bronzeBySize, List<Contract> selected, List<BenchVariant> variants) {
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
    FreshProcesses processes =
        FreshProcesses.likeThisJvm(
            SilverCli.class.getName(), arguments, dir.resolve("processes").toAbsolutePath());
    return bySize(
        bronzeBySize.size(),
        selected,
        contract -> processes.runEachSize(contract.table(), bronzeBySize, variants, repeat));
  }

  /** Each job's figures at every size, regrouped as each size's figures of every job. */
  private static List<List<JobFigures>> bySize(
      int sizeCount,
      List<Contract> selected,
      Function<Contract, List<List<Measurement>>> eachSizeOfJob) {
    List<List<JobFigures>> bySize = new ArrayList<>();
    for (int i = 0; i < sizeCount; i++) {
      bySize.add(new ArrayList<>());
    }
    for (Contract contract : selected) {
      List<List<Measurement>> ofJob = eachSizeOfJob.apply(contract);
      for (int i = 0; i < sizeCount; i++) {
        bySize.get(i).add(new JobFigures(contract.table(), ofJob.get(i)));
      }
    }
    return bySize;
  }

  /** The job's Bronze table's share of the events the generator writes, from a small pilot. */
  private double shareOfEvents(Contract contract, PrintWriter err) {
    Path pilot = dir.resolve("pilot").toAbsolutePath();
    DemoCommand.deleteRecursively(pilot);
    DemoSummary summary = DemoData.generate(pilot.toString(), generator.options(PILOT_EVENTS), err);
    DemoCommand.deleteRecursively(pilot);
    Long events = summary.eventsByTable().get(contract.bronze().table());
    if (events == null || events == 0) {
      throw new ParameterException(
          spec.commandLine(),
          "The demo generator writes no Bronze table " + contract.bronze().table());
    }
    return (double) events / summary.events();
  }
}
