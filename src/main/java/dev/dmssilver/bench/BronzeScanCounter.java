package dev.dmssilver.bench;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.Iterator;

/**
 * Counts the Bronze rows Spark actually read from Parquet while it listens, from the SQL metrics of
 * the file scans over one Bronze folder in the physical plans of the queries it ran, including the
 * plans behind cached datasets. A scan node's metric only grows when the scan runs, so a cache
 * built once and read many times counts once. Rows read divided by the events in Bronze is the
 * number of passes over Bronze.
 */
public final class BronzeScanCounter implements QueryExecutionListener {
  private final String folder;
  private final AtomicLong rows = new AtomicLong();
  private final Map<FileSourceScanExec, Long> counted = new IdentityHashMap<>();

  public BronzeScanCounter(String folder) {
    this.folder = folder.replaceFirst("^file:", "");
  }

  /** Bronze rows read from Parquet. */
  public long rowsScanned() {
    return rows.get();
  }

  /** Passes over a Bronze table of {@code events} rows: rows read divided by the events. */
  public double passes(long events) {
    return events == 0 ? 0 : (double) rows.get() / events;
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    count(qe.executedPlan());
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {
    count(qe.executedPlan());
  }

  private synchronized void count(SparkPlan plan) {
    if (plan instanceof AdaptiveSparkPlanExec) {
      count(((AdaptiveSparkPlanExec) plan).executedPlan());
      return;
    }
    if (plan instanceof QueryStageExec) {
      count(((QueryStageExec) plan).plan());
      return;
    }
    if (plan instanceof org.apache.spark.sql.execution.CommandResultExec) {
      count(((org.apache.spark.sql.execution.CommandResultExec) plan).commandPhysicalPlan());
      return;
    }
    if (plan instanceof InMemoryTableScanExec) {
      count(((InMemoryTableScanExec) plan).relation().cachedPlan());
      return;
    }
    if (plan instanceof FileSourceScanExec) {
      FileSourceScanExec scan = (FileSourceScanExec) plan;
      if (scansFolder(scan)) {
        SQLMetric output = scan.metrics().get("numOutputRows").getOrElse(() -> null);
        long produced = output == null ? 0 : output.value();
        Long before = counted.put(scan, produced);
        rows.addAndGet(produced - (before == null ? 0 : before));
      }
      return;
    }
    Iterator<SparkPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      count(children.next());
    }
  }

  private boolean scansFolder(FileSourceScanExec scan) {
    Iterator<org.apache.hadoop.fs.Path> roots = scan.relation().location().rootPaths().iterator();
    while (roots.hasNext()) {
      if (roots.next().toUri().getPath().startsWith(folder)) {
        return true;
      }
    }
    return false;
  }
}
