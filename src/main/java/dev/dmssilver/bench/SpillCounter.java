package dev.dmssilver.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Bytes Spark's tasks spilled to disk while it listens: how a history too large for memory shows,
 * instead of an OutOfMemoryError.
 */
final class SpillCounter extends SparkListener {
  private final AtomicLong diskBytes = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null) {
      diskBytes.addAndGet(taskEnd.taskMetrics().diskBytesSpilled());
    }
  }

  long diskBytesSpilled() {
    return diskBytes.get();
  }
}
