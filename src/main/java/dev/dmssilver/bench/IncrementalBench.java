package dev.dmssilver.bench;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.LocalFolders;
import dev.dmssilver.bronze.BronzeDiscovery;
import dev.dmssilver.bronze.BronzeFile;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.contract.Enrichment;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.WriteSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Times an incremental run that applies the newest part of a history (an {@link IncrementSize}: a
 * share of the job's events, or the same count at every size) beside a full rebuild of the same
 * Bronze, at every size: warm in this process, and as whole fresh processes ({@code bin/silver
 * run}). Each timed incremental run starts from the same state: the tables it changed are rolled
 * back to their snapshots before it, untimed.
 */
public final class IncrementalBench {
  private static final WriteSettings.IncrementalWrite MERGE = WriteSettings.IncrementalWrite.MERGE;
  private static final WriteSettings.IncrementalWrite MONTHS =
      WriteSettings.IncrementalWrite.OVERWRITE_MONTHS;
  private final SparkSession spark;
  private final Contracts contracts;
  private final Contract job;
  private final Path dir;
  private final List<String> silverCommand;

  public IncrementalBench(
      SparkSession spark, Contracts contracts, Contract job, Path dir, List<String> silverCommand) {
    this.spark = requireNonNull(spark, "spark is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.job = requireNonNull(job, "job is null");
    this.dir = requireNonNull(dir, "dir is null");
    this.silverCommand = Collections.unmodifiableList(new ArrayList<>(silverCommand));
  }

  /** One size's medians: seconds for each way of running. */
  public static final class Figures {
    public final long events;
    public final long incrementEvents;
    public final double fullWarm;
    public final double incrementalWarm;
    public final double fullProcess;

    /** The full rebuild's process with the JVM's full JIT ({@code SILVER_JIT=full}). */
    public final double fullProcessFullJit;

    public final double incrementalProcess;

    /** The incremental run warm, overwriting the touched months instead of the MERGE; or NaN. */
    public final double monthsOverwriteWarm;

    Figures(long events, long incrementEvents, double[] medians) {
      this.events = events;
      this.incrementEvents = incrementEvents;
      this.fullWarm = medians[0];
      this.incrementalWarm = medians[1];
      this.fullProcess = medians[2];
      this.incrementalProcess = medians[3];
      this.monthsOverwriteWarm = medians[4];
      this.fullProcessFullJit = medians[5];
    }

    /** The faster of the full rebuild's two processes: the best a user can run it as. */
    public double fastestFullProcess() {
      return Math.min(fullProcess, fullProcessFullJit);
    }
  }

  /** Measures each size of history, applying {@code increment} of it. */
  public List<Figures> measure(List<Path> historyBySize, IncrementSize increment, int repeats) {
    List<Figures> figures = new ArrayList<>();
    for (int size = 0; size < historyBySize.size(); size++) {
      figures.add(measureOne(historyBySize.get(size), increment, repeats, "size" + size));
    }
    return figures;
  }

  private Figures measureOne(Path history, IncrementSize increment, int repeats, String name) {
    Path root = dir.resolve("incremental").resolve(name).toAbsolutePath();
    LocalFolders.deleteRecursively(root);
    Path bronze = root.resolve("bronze");
    IncrementSplit split =
        IncrementSplit.newest(history, folders(history), jobEvents(history), increment);
    split.copyHistoryWithout(history, bronze);
    long incrementEvents = split.jobEvents;
    BenchTables warmFull = BenchTables.of(spark, root.resolve("warm-full"), "bench_full_" + name);
    BenchTables warmIncremental =
        BenchTables.of(spark, root.resolve("warm-incremental"), "bench_incr_" + name);
    Path processFull = root.resolve("process-full");
    Path processIncremental = root.resolve("process-incremental");
    // The state before the increment, in both warehouses; then the increment arrives.
    runInThisProcess(bronze, warmIncremental.catalog, RunSettings.Mode.INCREMENTAL, MERGE);
    runProcess(bronze, processIncremental, true, null);
    split.deliver(history, bronze);
    BenchTables processTables = BenchTables.ofProcess(spark, processIncremental);
    List<String> tables = warmIncremental.jobTables(job);
    warmIncremental.remember(tables);
    processTables.remember(tables);
    // One untimed round first: classes, the JIT, and the first full rebuild's table creation.
    runInThisProcess(bronze, warmFull.catalog, RunSettings.Mode.FULL, MERGE);
    runInThisProcess(bronze, warmIncremental.catalog, RunSettings.Mode.INCREMENTAL, MERGE);
    warmIncremental.rollBack();
    boolean byMonths = job.partition().isPresent();
    List<List<Double>> seconds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seconds.add(new ArrayList<>());
    }
    for (int round = 0; round < repeats; round++) {
      seconds
          .get(0)
          .add(
              time(() -> runInThisProcess(bronze, warmFull.catalog, RunSettings.Mode.FULL, MERGE)));
      // The run right after a full rebuild is slower, whichever it is: the two writes take turns.
      List<WriteSettings.IncrementalWrite> writes = new ArrayList<>();
      writes.add(MERGE);
      if (byMonths) {
        writes.add(round % 2 == 0 ? 1 : 0, MONTHS); // even rounds after the MERGE, odd before
      }
      for (WriteSettings.IncrementalWrite write : writes) {
        seconds
            .get(write == MERGE ? 1 : 4)
            .add(time(() -> runIncremental(bronze, warmIncremental, write)));
        warmIncremental.rollBack();
      }
      if (!byMonths) {
        seconds.get(4).add(Double.NaN);
      }
      seconds.get(2).add(time(() -> runProcess(bronze, processFull, false, null)));
      seconds.get(5).add(time(() -> runProcess(bronze, processFull, false, "full")));
      seconds.get(3).add(time(() -> runProcess(bronze, processIncremental, true, null)));
      processTables.rollBack();
    }
    double[] medians = new double[6];
    for (int i = 0; i < 6; i++) {
      List<Double> runs = seconds.get(i);
      Collections.sort(runs);
      medians[i] = runs.get((runs.size() - 1) / 2);
    }
    return new Figures(split.historyEvents, incrementEvents, medians);
  }

  private void runIncremental(
      Path bronze, BenchTables tables, WriteSettings.IncrementalWrite write) {
    runInThisProcess(bronze, tables.catalog, RunSettings.Mode.INCREMENTAL, write);
  }

  private void runInThisProcess(
      Path bronze,
      CatalogSettings catalog,
      RunSettings.Mode mode,
      WriteSettings.IncrementalWrite write) {
    RunSettings base =
        RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), catalog, contracts);
    RunSettings settings =
        base.withMode(mode).withWrites(base.writes().withIncrementalWrite(write));
    for (JobResult result : JobRuns.runAll(spark, settings, Collections.singletonList(job))) {
      if (!result.succeeded()) {
        throw new IllegalStateException(
            "The benchmark's " + mode + " run failed: " + result.failure().orElse(null));
      }
    }
  }

  /**
   * Runs the job as a process of its own; {@code jit}, if not null, is the {@code SILVER_JIT}
   * bin/silver starts it with (a child that is not bin/silver ignores it).
   */
  private void runProcess(Path bronze, Path warehouse, boolean incremental, String jit) {
    List<String> command = new ArrayList<>(silverCommand);
    command.addAll(
        java.util.Arrays.asList(
            "run",
            "--job",
            job.table(),
            "--bronze",
            bronze.toString(),
            "--warehouse",
            warehouse.toString()));
    if (incremental) {
      command.add("--incremental");
    }
    Path log = dir.resolve("children.log");
    try {
      // Each child's output follows the command that started it.
      java.nio.file.Files.write(
          log,
          Collections.singletonList(
              "$ " + (jit == null ? "" : "SILVER_JIT=" + jit + " ") + String.join(" ", command)),
          java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (jit != null) {
        builder.environment().put("SILVER_JIT", jit);
      }
      Process process = builder.start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            "The benchmark's child failed (see " + log + "): " + command);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static double time(Runnable run) {
    long started = System.nanoTime();
    run.run();
    return (System.nanoTime() - started) / 1e9;
  }

  /** The Bronze folders of the job and of the entities it enriches from. */
  private List<Path> folders(Path history) {
    BronzeSettings settings = BronzeSettings.withDefaults(history.toString());
    List<Path> folders = new ArrayList<>();
    folders.add(java.nio.file.Paths.get(settings.tableFolder(job.bronze())));
    for (Enrichment enrichment : job.enrichments()) {
      Contract source = contracts.get(enrichment.fromContract());
      folders.add(java.nio.file.Paths.get(settings.tableFolder(source.bronze())));
    }
    return folders;
  }

  private List<BronzeFile> jobEvents(Path history) {
    return BronzeDiscovery.discover(
            spark,
            job.bronze().table(),
            BronzeSettings.withDefaults(history.toString()).tableFolder(job.bronze()))
        .files();
  }
}
