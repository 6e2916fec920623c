package dev.dmssilver.job;

import dev.dmssilver.NamedThreads;
import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.SilverTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several jobs at once in one Spark application. Each job gets its own thread and Spark
 * scheduler pool; a failing job is reported and does not stop the others.
 */
public final class JobRuns {
  private static final Logger LOG = LoggerFactory.getLogger(JobRuns.class);

  private JobRuns() {}

  /** Runs every contract concurrently and returns one result per contract, in order. */
  public static List<JobResult> runAll(
      SparkSession spark, RunSettings settings, List<Contract> contracts) {
    return runAll(spark, settings, contracts, result -> {}, ProgressListener.NONE);
  }

  /**
   * Runs every contract concurrently and returns one result per contract, in order. {@code
   * afterEachJob} hears of each job as soon as it ends (to publish its metrics, say); it runs after
   * the job's data is committed, and what it throws is logged, never the job's failure. {@code
   * display} shows each job's steps as they happen.
   */
  public static List<JobResult> runAll(
      SparkSession spark,
      RunSettings settings,
      List<Contract> contracts,
      Consumer<JobResult> afterEachJob,
      ProgressListener display) {
    // Shared setup happens once, before the jobs race: the catalog's own first-use initialization
    // (creating its tables in the catalog database) is not safe to run from several threads. The
    // preflight makes an unreachable catalog or object store fail here, once, before any write.
    Preflight.check(spark, settings);
    prepareShared(spark, settings);
    ExecutorService pool =
        NamedThreads.fixedPool(
            "jobs", Math.max(1, Math.min(contracts.size(), settings.maxConcurrentJobs())));
    try (JobProgress progress =
        JobProgress.reporting(spark, settings.runId(), settings.clock(), display)) {
      List<Future<JobResult>> running = new ArrayList<>();
      for (Contract contract : contracts) {
        running.add(
            pool.submit(() -> runAndReport(spark, settings, contract, progress, afterEachJob)));
      }
      List<JobResult> results = new ArrayList<>();
      for (Future<JobResult> job : running) {
        results.add(job.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for jobs", e);
    } catch (ExecutionException e) {
      // runOne catches everything a job throws, so this is a bug in the runner itself.
      throw new IllegalStateException("A job runner thread failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs a job, then tells {@code afterEachJob}: data first, telemetry second. */
  private static JobResult runAndReport(
      SparkSession spark,
      RunSettings settings,
      Contract contract,
      JobProgress progress,
      Consumer<JobResult> afterEachJob) {
    JobResult result = runOne(spark, settings, contract, progress);
    progress.finished(contract.table(), result.succeeded());
    try {
      afterEachJob.accept(result);
    } catch (RuntimeException e) {
      LOG.warn("[{}] after the job: {}", contract.table(), e.getMessage());
    }
    return result;
  }

  /** Initializes the catalog and creates the Silver database and the quarantine table. */
  public static void prepareShared(SparkSession spark, RunSettings settings) {
    new SilverTables(spark, settings.catalog()).ensureDatabase();
    new QuarantineTable(spark, settings.catalog()).ensure();
  }

  /** Runs one job, turning any failure into a failed result. */
  public static JobResult runOne(
      SparkSession spark, RunSettings settings, Contract contract, JobProgress progress) {
    Instant started = settings.clock().instant();
    spark.sparkContext().setLocalProperty("spark.scheduler.pool", contract.table());
    spark.sparkContext().setJobGroup(contract.table(), "Silver job " + contract.table(), false);
    try {
      if (settings.mode() == RunSettings.Mode.FULL) {
        return new JobRunner(spark, settings, progress).run(contract);
      }
      return new IncrementalJob(spark, settings, progress)
          .run(contract, settings.mode() == RunSettings.Mode.REBUILD_STATE);
    } catch (Exception | LinkageError e) {
      // Exception, not RuntimeException: Spark's Scala code throws checked exceptions unannounced.
      progress.warn(contract.table(), "failed: " + e.getMessage());
      LOG.debug("[{}] failure detail", contract.table(), e);
      return JobResult.failed(
          contract.table(), Duration.between(started, settings.clock().instant()), e);
    } finally {
      spark.sparkContext().clearJobGroup();
      spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
    }
  }
}
