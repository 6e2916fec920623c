package dev.dmssilver.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.report.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The benchmark's figures as tables for people and as JSON for machines. */
public final class BenchReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReport() {}

  /** One job's measurements over one Bronze. */
  public static final class JobFigures {
    final String table;
    final List<Measurement> measurements;

    public JobFigures(String table, List<Measurement> measurements) {
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

  /**
   * @param wholeProcesses the seconds are whole fresh processes, start-up included, and the runs'
   *     own times inside them get a column of their own
   */
  public static String render(
      List<JobFigures> figures, int cores, long maxHeap, boolean wholeProcesses) {
    StringBuilder text = new StringBuilder();
    for (JobFigures job : figures) {
      text.append(
          String.format(
              "%n%s: %,d Bronze events, %d cores, %s heap%s%n",
              job.table,
              job.events(),
              cores,
              mebibytes(maxHeap),
              wholeProcesses ? "; seconds are whole fresh processes, start-up included" : ""));
      text.append(table(job, wholeProcesses).render());
      text.append(ratios(job, wholeProcesses));
    }
    text.append(renderScaling(figures));
    return text.toString();
  }

  /** One line per variant timed on one job's Bronze. */
  private static TextTable table(JobFigures job, boolean wholeProcesses) {
    Measurement copy = job.of(BenchVariant.COPY_FLOOR);
    List<String> headings =
        new ArrayList<>(Arrays.asList("variant", "seconds", "events/s", "x copy floor"));
    if (wholeProcesses) {
      headings.add("in process");
    }
    headings.addAll(
        Arrays.asList("task CPU s", "peak heap", "peak RSS", "spilled", "Bronze passes"));
    TextTable table = new TextTable(headings);
    for (Measurement measurement : job.measurements) {
      List<String> row =
          new ArrayList<>(
              Arrays.asList(
                  measurement.variant().label(),
                  String.format("%.1f", measurement.seconds()),
                  String.format("%,.0f", measurement.eventsPerSecond()),
                  copy == null
                      ? "-"
                      : String.format("%.2f", measurement.seconds() / copy.seconds())));
      if (wholeProcesses) {
        row.add(String.format("%.1f", measurement.inProcessSeconds()));
      }
      row.addAll(
          Arrays.asList(
              String.format("%.1f", measurement.taskCpuSeconds()),
              mebibytes(measurement.peakHeapBytes()),
              measurement.peakRssBytes() < 0 ? "?" : mebibytes(measurement.peakRssBytes()),
              mebibytes(measurement.spilledBytes()),
              String.format("%.2f", measurement.bronzePasses())));
      table.addRow(row);
    }
    return table;
  }

  /** The Silver job against the copy floor and the old algorithm, when all three were timed. */
  private static String ratios(JobFigures job, boolean wholeProcesses) {
    Measurement copy = job.of(BenchVariant.COPY_FLOOR);
    Measurement ours = job.of(BenchVariant.SILVER_JOB);
    Measurement old = job.of(BenchVariant.OLD_ALGORITHM);
    if (ours == null || copy == null || old == null) {
      return "";
    }
    return String.format(
        "silver job: %.2fx the copy floor, %.2fx faster than the old algorithm%s;"
            + " task CPU %.2fx the copy floor's, %.2fx the old algorithm's%n",
        ours.seconds() / copy.seconds(),
        old.seconds() / ours.seconds(),
        wholeProcesses ? " (whole processes)" : "",
        ours.taskCpuSeconds() / copy.taskCpuSeconds(),
        ours.taskCpuSeconds() / old.taskCpuSeconds());
  }

  /**
   * Per job, the Silver job (or the first variant timed) across sizes: seconds per million events
   * against the smallest size says whether cost grows in proportion to history.
   */
  static String renderScaling(List<JobFigures> figures) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<JobFigures>> table : byTable(figures).entrySet()) {
      if (table.getValue().size() < 2) {
        continue;
      }
      text.append(
          String.format(
              "%nScaling, %s, %s:%n",
              table.getKey(), scaled(table.getValue().get(0)).variant().label()));
      text.append(scalingTable(table.getValue()).render());
      if (measuredAtTwoSizes(table.getValue())) {
        text.append(
            String.format(
                "As a line through these sizes (least squares): wall %s; task CPU %s%n",
                costLine(table.getValue(), Measurement::seconds).describe(),
                costLine(table.getValue(), Measurement::taskCpuSeconds).describe()));
      }
    }
    return text.toString();
  }

  /** One job's sizes, smallest first, each against the smallest per million events. */
  private static TextTable scalingTable(List<JobFigures> sizes) {
    Measurement first = scaled(sizes.get(0));
    double baseline = first.seconds() / (first.events() / 1e6);
    double cpuBaseline = first.taskCpuSeconds() / (first.events() / 1e6);
    TextTable rows =
        new TextTable(
            Arrays.asList(
                "events",
                "seconds",
                "s per M events",
                "x smallest",
                "task CPU s",
                "CPU s per M",
                "CPU x smallest",
                "peak RSS",
                "peak heap",
                "spilled"));
    for (JobFigures job : sizes) {
      Measurement measurement = scaled(job);
      double perMillion = measurement.seconds() / (measurement.events() / 1e6);
      double cpuPerMillion = measurement.taskCpuSeconds() / (measurement.events() / 1e6);
      rows.addRow(
          Arrays.asList(
              String.format("%,d", measurement.events()),
              String.format("%.1f", measurement.seconds()),
              String.format("%.2f", perMillion),
              String.format("%.2f", perMillion / baseline),
              String.format("%.1f", measurement.taskCpuSeconds()),
              String.format("%.2f", cpuPerMillion),
              String.format("%.2f", cpuPerMillion / cpuBaseline),
              measurement.peakRssBytes() < 0 ? "?" : mebibytes(measurement.peakRssBytes()),
              mebibytes(measurement.peakHeapBytes()),
              mebibytes(measurement.spilledBytes())));
    }
    return rows;
  }

  /** A line needs two different sizes: the same size twice gives a scaling table but no line. */
  private static boolean measuredAtTwoSizes(List<JobFigures> sizes) {
    Set<Long> distinct = new HashSet<>();
    for (JobFigures job : sizes) {
      distinct.add(job.events());
    }
    return distinct.size() >= 2;
  }

  /** A line through one job's sizes, measured at two or more, of the figure {@code cost} picks. */
  private static CostLine costLine(List<JobFigures> sizes, ToDoubleFunction<Measurement> cost) {
    List<CostLine.Point> points = new ArrayList<>();
    for (JobFigures job : sizes) {
      Measurement measurement = scaled(job);
      points.add(new CostLine.Point(measurement.events(), cost.applyAsDouble(measurement)));
    }
    return CostLine.fit(points);
  }

  /** The figures grouped by job, each job's sizes smallest first, whatever order they ran in. */
  private static Map<String, List<JobFigures>> byTable(List<JobFigures> figures) {
    Map<String, List<JobFigures>> byTable = new LinkedHashMap<>();
    for (JobFigures job : figures) {
      byTable.computeIfAbsent(job.table, unused -> new ArrayList<>()).add(job);
    }
    for (List<JobFigures> sizes : byTable.values()) {
      sizes.sort(Comparator.comparingLong(JobFigures::events));
    }
    return byTable;
  }

  private static Measurement scaled(JobFigures job) {
    Measurement ours = job.of(BenchVariant.SILVER_JOB);
    return ours != null ? ours : job.measurements.get(0);
  }

  public static String toJson(
      List<JobFigures> figures, int cores, long maxHeap, boolean wholeProcesses) {
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (JobFigures job : figures) {
      Measurement copy = job.of(BenchVariant.COPY_FLOOR);
      List<Map<String, Object>> variants = new ArrayList<>();
      for (Measurement measurement : job.measurements) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("variant", measurement.variant().label());
        variant.put("seconds", measurement.seconds());
        variant.put("in_process_seconds", measurement.inProcessSeconds());
        variant.put("task_cpu_seconds", measurement.taskCpuSeconds());
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
    result.put("whole_processes", wholeProcesses);
    result.put("jobs", jobs);
    result.put("scaling", scalingJson(figures));
    try {
      return JSON.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Per job measured at two or more sizes, the lines through its wall and task CPU seconds. */
  private static List<Map<String, Object>> scalingJson(List<JobFigures> figures) {
    Map<String, List<JobFigures>> byTable = byTable(figures);
    List<Map<String, Object>> scaling = new ArrayList<>();
    for (Map.Entry<String, List<JobFigures>> table : byTable.entrySet()) {
      if (!measuredAtTwoSizes(table.getValue())) {
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("table", table.getKey());
      entry.put("variant", scaled(table.getValue().get(0)).variant().label());
      entry.put("wall_seconds", lineJson(costLine(table.getValue(), Measurement::seconds)));
      entry.put(
          "task_cpu_seconds", lineJson(costLine(table.getValue(), Measurement::taskCpuSeconds)));
      scaling.add(entry);
    }
    return scaling;
  }

  private static Map<String, Object> lineJson(CostLine line) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("fixed_seconds", line.fixedSeconds());
    json.put("seconds_per_million_events", line.secondsPerMillionEvents());
    json.put("largest_miss", line.largestMiss());
    return json;
  }

  private static String mebibytes(long bytes) {
    return String.format("%,d MiB", bytes / (1024 * 1024));
  }
}
