package dev.dmssilver.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Totals over the Spark tasks that ended while it listens:
 *
 * <ul>
 *   <li>the CPU time they used, which is the work a variant asks of the machine. Unlike wall time,
 *       it does not grow when a shared host takes the cores away, nor shrink when a small job
 *       leaves one idle, so it is the figure to compare across sizes and busy hours. It leaves out
 *       the driver's own work (listing, footers, planning, commits);
 *   <li>the bytes they spilled to disk: how a history too large for memory shows, instead of an
 *       OutOfMemoryError.
 * </ul>
 */
final class TaskTotals extends SparkListener {
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong diskBytesSpilled = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    TaskMetrics metrics = taskEnd.taskMetrics();
    if (metrics != null) {
      cpuNanos.addAndGet(metrics.executorCpuTime());
      diskBytesSpilled.addAndGet(metrics.diskBytesSpilled());
    }
  }

  double cpuSeconds() {
    return cpuNanos.get() / 1e9;
  }

  long diskBytesSpilled() {
    return diskBytesSpilled.get();
  }
}
