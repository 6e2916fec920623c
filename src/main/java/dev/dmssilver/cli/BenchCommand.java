package dev.dmssilver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dmssilver.bench.BenchVariant;
import dev.dmssilver.bench.Benchmark;
import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
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
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    description = {
      "Generate demo Bronze of a given size and time, side by side in this one process, per job:",
      "the scan floor (read every event, discard it), the copy floor (read every event, write it",
      "unchanged to an Iceberg table partitioned like Silver), the Silver job, and the old PySpark",
      "jobs' algorithm on the same engine. Prints seconds, events per second, ratios to the copy",
      "floor, peak memory and the passes Spark made over Bronze (rows read / events)."
    },
    mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;
  @Mixin GeneratorOptions generator;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @Option(
      names = "--dir",
      defaultValue = "silver-bench",
      paramLabel = "DIR",
      description = "Where to put Bronze and the benchmark's tables. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(
      names = "--bronze",
      paramLabel = "DIR",
      description = {
        "Benchmark existing Bronze in this local folder (e.g. written by `silver generate`, or",
        "your own DMS files) instead of generating it; --events and the generator options are",
        "then ignored."
      })
  Path existingBronze;

  @Option(
      names = "--jobs",
      split = ",",
      defaultValue = "fact_orders",
      paramLabel = "NAME",
      description = "Jobs to benchmark, comma-separated. Default: ${DEFAULT-VALUE}.")
  List<String> jobs;

  @Option(
      names = "--json",
      arity = "0..1",
      description = "Print the figures as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    Contracts known = contracts.load();
    List<Contract> selected = new ArrayList<>();
    for (String job : jobs) {
      selected.add(known.get(job));
    }
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    DemoCommand.deleteRecursively(warehouse);
    Path bronze;
    if (existingBronze == null) {
      bronze = dir.resolve("bronze").toAbsolutePath();
      DemoCommand.deleteRecursively(bronze);
      DemoData.generate(bronze.toString(), generator.options(), spec.commandLine().getErr());
    } else {
      bronze = existingBronze.toAbsolutePath();
    }

    RunSettings settings =
        RunSettings.of(
                BronzeSettings.withDefaults(bronze.toString()),
                CatalogSettings.local(warehouse.toString()),
                known)
            .acceptingGateFailures();
    SparkSession spark = engine.start("silver bench", settings.catalog());
    Benchmark benchmark = new Benchmark(spark, settings);
    Map<String, List<Measurement>> byJob = new LinkedHashMap<>();
    for (Contract contract : selected) {
      byJob.put(contract.table(), benchmark.run(contract, Arrays.asList(BenchVariant.values())));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(byJob));
    } else {
      out.print(
          render(
              byJob, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory()));
    }
    out.flush();
    return 0;
  }

  static String render(Map<String, List<Measurement>> byJob, int cores, long maxHeap) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<Measurement>> job : byJob.entrySet()) {
      List<Measurement> measurements = job.getValue();
      double copy = seconds(measurements, BenchVariant.COPY_FLOOR);
      text.append(
          String.format(
              "%n%s: %,d Bronze events, %d cores, %s heap%n",
              job.getKey(), measurements.get(0).events(), cores, mebibytes(maxHeap)));
      TextTable table =
          new TextTable(
              Arrays.asList(
                  "variant",
                  "seconds",
                  "events/s",
                  "x copy floor",
                  "peak heap",
                  "peak RSS",
                  "Bronze passes"));
      for (Measurement measurement : measurements) {
        table.addRow(
            Arrays.asList(
                measurement.variant().label(),
                String.format("%.1f", measurement.seconds()),
                String.format("%,.0f", measurement.eventsPerSecond()),
                String.format("%.2f", measurement.seconds() / copy),
                mebibytes(measurement.peakHeapBytes()),
                measurement.peakRssBytes() < 0 ? "?" : mebibytes(measurement.peakRssBytes()),
                String.format("%.2f", measurement.bronzePasses())));
      }
      text.append(table.render());
      double old = seconds(measurements, BenchVariant.OLD_ALGORITHM);
      double ours = seconds(measurements, BenchVariant.SILVER_JOB);
      text.append(
          String.format(
              "silver job: %.2fx the copy floor, %.2fx faster than the old algorithm%n",
              ours / copy, old / ours));
    }
    return text.toString();
  }

  static String toJson(Map<String, List<Measurement>> byJob) {
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (Map.Entry<String, List<Measurement>> job : byJob.entrySet()) {
      double copy = seconds(job.getValue(), BenchVariant.COPY_FLOOR);
      List<Map<String, Object>> variants = new ArrayList<>();
      for (Measurement measurement : job.getValue()) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("variant", measurement.variant().label());
        variant.put("seconds", measurement.seconds());
        variant.put("events_per_second", measurement.eventsPerSecond());
        variant.put("ratio_to_copy_floor", measurement.seconds() / copy);
        variant.put("peak_heap_bytes", measurement.peakHeapBytes());
        variant.put("peak_rss_bytes", measurement.peakRssBytes());
        variant.put("bronze_passes", measurement.bronzePasses());
        variants.add(variant);
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("table", job.getKey());
      figures.put("events", job.getValue().get(0).events());
      figures.put("variants", variants);
      jobs.add(figures);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    result.put("jobs", jobs);
    try {
      return JSON.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(List<Measurement> measurements, BenchVariant variant) {
    for (Measurement measurement : measurements) {
      if (measurement.variant() == variant) {
        return measurement.seconds();
      }
    }
    throw new IllegalStateException("No measurement of " + variant.label());
  }

  private static String mebibytes(long bytes) {
    return String.format("%,d MiB", bytes / (1024 * 1024));
  }
}
