package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.NamedThreads;
import dev.dmssilver.console.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each job of a run is: its stage (listing, resolving, writing, ...), the rows Spark has read
 * and written for it so far, and the time since it started. Every line carries the table and the
 * run id, so a run's lines can be found in one grep, in a terminal or in CloudWatch Logs.
 */
public final class JobProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
  private static final Duration TICK = Duration.ofSeconds(15);

  private final String runId;
  private final Clock clock;
  private final Map<String, Stage> stages = new ConcurrentHashMap<>();
  private final RowCounter counter;
  private final SparkContext sparkContext;
  private final ScheduledExecutorService ticker;
  private final ProgressListener display;

  private JobProgress(
      String runId,
      Clock clock,
      SparkContext sparkContext,
      boolean ticking,
      ProgressListener display) {
    this.runId = requireNonNull(runId, "runId is null");
    this.display = requireNonNull(display, "display is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.sparkContext = sparkContext;
    this.counter = new RowCounter();
    if (sparkContext != null) {
      sparkContext.addSparkListener(counter);
    }
    this.ticker = ticking ? NamedThreads.scheduler("progress") : null;
    if (ticker != null) {
      ticker.scheduleAtFixedRate(
          this::report, TICK.getSeconds(), TICK.getSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * Progress with a line every 15 seconds for each job still working, from Spark's metrics, and
   * each step and warning also shown on {@code display}.
   */
  public static JobProgress reporting(
      SparkSession spark, String runId, Clock clock, ProgressListener display) {
    return new JobProgress(runId, clock, spark.sparkContext(), true, display);
  }

  /** Progress that only logs the stages it is told about. */
  public static JobProgress quiet(String runId, Clock clock) {
    return new JobProgress(runId, clock, null, false, ProgressListener.NONE);
  }

  /** Logs a step of a job and makes it the job's current stage. */
  public void stage(String table, String format, Object... arguments) {
    String message = String.format(format, arguments);
    stages.compute(
        table,
        (name, stage) -> new Stage(message, stage == null ? clock.instant() : stage.jobStarted));
    log(table, message);
    display.step(table, message);
  }

  /**
   * Logs something the user should know about a job (Bronze holds no deletes, columns the contract
   * does not declare), in the tool's own words, without changing its stage.
   */
  public void warn(String table, String message) {
    LOG.warn("[{} {}] {}", table, runId, message);
    display.warning(table, message);
  }

  /** As above; the display shows the {@code headline}, the log adds the {@code detail}. */
  public void warn(String table, String headline, String detail) {
    LOG.warn("[{} {}] {}: {}", table, runId, headline, detail);
    display.warning(table, headline);
  }

  /** Logs an event of a job without changing its stage. */
  public void log(String table, String message) {
    if (LOG.isInfoEnabled()) {
      LOG.info("[{} {}] {}", table, runId, message);
    }
  }

  public void finished(String table, boolean succeeded) {
    stages.remove(table);
    display.finished(table, succeeded);
  }

  private void report() {
    for (Map.Entry<String, Stage> entry : stages.entrySet()) {
      String table = entry.getKey();
      Stage stage = entry.getValue();
      log(
          table,
          String.format(
              "still %s: %,d rows read, %,d written so far, %.0f s",
              lowerFirst(stage.description),
              counter.read(table),
              counter.written(table),
              Duration.between(stage.jobStarted, clock.instant()).toMillis() / 1000.0));
    }
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (sparkContext != null) {
      sparkContext.removeSparkListener(counter);
    }
  }

  private static final class Stage {
    final String description;
    final Instant jobStarted;

    Stage(String description, Instant jobStarted) {
      this.description = description;
      this.jobStarted = jobStarted;
    }
  }

  /** Rows read and written per job group; each job runs its Spark work in its own group. */
  private static final class RowCounter extends SparkListener {
    private final Map<Integer, String> groupByStage = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> read = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      Properties properties = jobStart.properties();
      String group = properties == null ? null : properties.getProperty("spark.jobGroup.id");
      if (group != null) {
        scala.collection.Iterator<Object> stageIds = jobStart.stageIds().iterator();
        while (stageIds.hasNext()) {
          groupByStage.put((Integer) stageIds.next(), group);
        }
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      String group = groupByStage.get(taskEnd.stageId());
      TaskMetrics metrics = taskEnd.taskMetrics();
      if (group == null || metrics == null) {
        return;
      }
      read.computeIfAbsent(group, g -> new AtomicLong())
          .addAndGet(metrics.inputMetrics().recordsRead());
      written
          .computeIfAbsent(group, g -> new AtomicLong())
          .addAndGet(metrics.outputMetrics().recordsWritten());
    }

    long read(String group) {
      AtomicLong rows = read.get(group);
      return rows == null ? 0 : rows.get();
    }

    long written(String group) {
      AtomicLong rows = written.get(group);
      return rows == null ? 0 : rows.get();
    }
  }
}
