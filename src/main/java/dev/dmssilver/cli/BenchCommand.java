package dev.dmssilver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dmssilver.bench.BenchVariant;
import dev.dmssilver.bench.Benchmark;
import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoSummary;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.report.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        "Generate demo Bronze of a given size and time, side by side in this one "
            + "process, per job: the scan floor (read every event, discard it), the copy "
            + "floor (read every event, write it unchanged to an Iceberg table partitioned "
            + "like Silver), the Silver job, and the old PySpark jobs' algorithm on the same "
            + "engine. Prints seconds, events per second, ratios to the copy floor, peak "
            + "memory, bytes spilled and the passes Spark made over Bronze (rows read / "
            + "events). Several sizes add a scaling table.",
    mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
              + "job scales. Default: ${DEFAULT-VALUE}.")
  List<Long> sizes;

  @Mixin GeneratorShapeOptions generator;

  @Option(
      names = "--bronze",
      paramLabel = "DIR",
      description =
          "Benchmark existing Bronze in this local folder (from `silver generate`, or "
              + "your own DMS files) instead of generating it; --events and the generator's "
              + "options are then ignored.")
  Path existingBronze;

  @Option(
      names = "--dir",
      defaultValue = "silver-bench",
      paramLabel = "DIR",
      description = "Where to put Bronze and the benchmark's tables. Default: ${DEFAULT-VALUE}.")
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
          "Time every variant N times, taking turns, and report each one's median run. "
              + "Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Option(
      names = "--warm-up",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run every variant once, untimed, before timing (the default), so that none pays the "
              + "JVM's and Spark's warm-up for the others. --no-warm-up times cold runs: run one "
              + "variant per process with --repeat 1 to see what a fresh process, such as a Glue "
              + "job, pays.")
  boolean warmUp;

  @Option(
      names = "--json",
      arity = "0..1",
      description = "Print the figures as JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() {
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
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    DemoCommand.deleteRecursively(warehouse);
    CatalogSettings catalog = CatalogSettings.local(warehouse.toString());
    SparkSession spark = engine.start("silver bench", catalog);

    List<JobFigures> figures = new ArrayList<>();
    if (existingBronze != null) {
      figures.addAll(
          measure(spark, existingBronze.toAbsolutePath(), catalog, known, selected, variants));
    } else {
      PrintWriter err = spec.commandLine().getErr();
      double share = shareOfEvents(selected.get(0), err);
      for (long size : sizes) {
        Path bronze = dir.resolve("bronze").toAbsolutePath();
        DemoCommand.deleteRecursively(bronze);
        long total = Math.max(MIN_GENERATED_EVENTS, Math.round(size / share));
        DemoData.generate(bronze.toString(), generator.options(total), err);
        figures.addAll(measure(spark, bronze, catalog, known, selected, variants));
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.print(json ? toJson(figures, cores, maxHeap) + "\n" : render(figures, cores, maxHeap));
    out.flush();
    return 0;
  }

  private List<JobFigures> measure(
      SparkSession spark,
      Path bronze,
      CatalogSettings catalog,
      Contracts known,
      List<Contract> selected,
      List<BenchVariant> variants) {
    RunSettings settings =
        RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), catalog, known)
            .acceptingGateFailures();
    Benchmark benchmark = new Benchmark(spark, settings);
    List<JobFigures> figures = new ArrayList<>();
    for (Contract contract : selected) {
      figures.add(
          new JobFigures(contract.table(), benchmark.run(contract, variants, repeat, warmUp)));
    }
    return figures;
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

  /** One job's measurements over one Bronze. */
  static final class JobFigures {
    final String table;
    final List<Measurement> measurements;

    JobFigures(String table, List<Measurement> measurements) {
      this.table = table;
      this.measurements = measurements;
    }

    long events() {
      return measurements.get(0).events();
    }

    Measurement of(BenchVariant variant) {
      for (Measurement measurement : measurements) {
        if (measurement.variant() == variant) {
          return measurement;
        }
      }
      return null;
    }
  }

  static String render(List<JobFigures> figures, int cores, long maxHeap) {
    StringBuilder text = new StringBuilder();
    for (JobFigures job : figures) {
      Measurement copy = job.of(BenchVariant.COPY_FLOOR);
      text.append(
          String.format(
              "%n%s: %,d Bronze events, %d cores, %s heap%n",
              job.table, job.events(), cores, mebibytes(maxHeap)));
      TextTable table =
          new TextTable(
              Arrays.asList(
                  "variant",
                  "seconds",
                  "events/s",
                  "x copy floor",
                  "peak heap",
                  "peak RSS",
                  "spilled",
                  "Bronze passes"));
      for (Measurement measurement : job.measurements) {
        table.addRow(
            Arrays.asList(
                measurement.variant().label(),
                String.format("%.1f", measurement.seconds()),
                String.format("%,.0f", measurement.eventsPerSecond()),
                copy == null ? "-" : String.format("%.2f", measurement.seconds() / copy.seconds()),
                mebibytes(measurement.peakHeapBytes()),
                measurement.peakRssBytes() < 0 ? "?" : mebibytes(measurement.peakRssBytes()),
                mebibytes(measurement.spilledBytes()),
                String.format("%.2f", measurement.bronzePasses())));
      }
      text.append(table.render());
      Measurement ours = job.of(BenchVariant.SILVER_JOB);
      Measurement old = job.of(BenchVariant.OLD_ALGORITHM);
      if (ours != null && copy != null && old != null) {
        text.append(
            String.format(
                "silver job: %.2fx the copy floor, %.2fx faster than the old algorithm%n",
                ours.seconds() / copy.seconds(), old.seconds() / ours.seconds()));
      }
    }
    text.append(renderScaling(figures));
    return text.toString();
  }

  /**
   * Per job, the Silver job (or the first variant timed) across sizes: seconds per million events
   * against the smallest size says whether cost grows in proportion to history.
   */
  static String renderScaling(List<JobFigures> figures) {
    Map<String, List<JobFigures>> byTable = new LinkedHashMap<>();
    for (JobFigures job : figures) {
      byTable.computeIfAbsent(job.table, unused -> new ArrayList<>()).add(job);
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<JobFigures>> table : byTable.entrySet()) {
      if (table.getValue().size() < 2) {
        continue;
      }
      Measurement first = scaled(table.getValue().get(0));
      double baseline = first.seconds() / (first.events() / 1e6);
      text.append(String.format("%nScaling, %s, %s:%n", table.getKey(), first.variant().label()));
      TextTable rows =
          new TextTable(
              Arrays.asList(
                  "events",
                  "seconds",
                  "s per M events",
                  "x smallest",
                  "peak RSS",
                  "peak heap",
                  "spilled"));
      for (JobFigures job : table.getValue()) {
        Measurement measurement = scaled(job);
        double perMillion = measurement.seconds() / (measurement.events() / 1e6);
        rows.addRow(
            Arrays.asList(
                String.format("%,d", measurement.events()),
                String.format("%.1f", measurement.seconds()),
                String.format("%.2f", perMillion),
                String.format("%.2f", perMillion / baseline),
                measurement.peakRssBytes() < 0 ? "?" : mebibytes(measurement.peakRssBytes()),
                mebibytes(measurement.peakHeapBytes()),
                mebibytes(measurement.spilledBytes())));
      }
      text.append(rows.render());
    }
    return text.toString();
  }

  private static Measurement scaled(JobFigures job) {
    Measurement ours = job.of(BenchVariant.SILVER_JOB);
    return ours != null ? ours : job.measurements.get(0);
  }

  static String toJson(List<JobFigures> figures, int cores, long maxHeap) {
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (JobFigures job : figures) {
      Measurement copy = job.of(BenchVariant.COPY_FLOOR);
      List<Map<String, Object>> variants = new ArrayList<>();
      for (Measurement measurement : job.measurements) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("variant", measurement.variant().label());
        variant.put("seconds", measurement.seconds());
        variant.put("events_per_second", measurement.eventsPerSecond());
        variant.put(
            "ratio_to_copy_floor", copy == null ? null : measurement.seconds() / copy.seconds());
        variant.put("peak_heap_bytes", measurement.peakHeapBytes());
        variant.put("peak_rss_bytes", measurement.peakRssBytes());
        variant.put("spilled_bytes", measurement.spilledBytes());
        variant.put("bronze_passes", measurement.bronzePasses());
        variants.add(variant);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("table", job.table);
      entry.put("events", job.events());
      entry.put("variants", variants);
      jobs.add(entry);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("cores", cores);
    result.put("max_heap_bytes", maxHeap);
    result.put("jobs", jobs);
    try {
      return JSON.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mebibytes(long bytes) {
    return String.format("%,d MiB", bytes / (1024 * 1024));
  }
}
