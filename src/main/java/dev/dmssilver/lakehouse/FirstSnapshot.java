package dev.dmssilver.lakehouse;

import dev.dmssilver.SilverException;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Stages the first snapshot of a table no run has published. There is no snapshot to branch an
 * audit branch from, and Iceberg's Spark writes refuse a branch that does not exist; an empty
 * commit to start one would stay in the table's history. So the write is staged with Iceberg's
 * write-audit-publish id instead: it commits a snapshot that no branch points at (its parent is
 * none, its summary carries the run id), and the audit branch is then created on it. The table's
 * first snapshot is the first run's rows.
 *
 * <p>The WAP id is a session setting, and jobs share one session across threads: so the write runs
 * in a session of its own, over the same plan (and the same cached rows).
 */
final class FirstSnapshot {
  static final String WAP_ID = "spark.wap.id";

  private FirstSnapshot() {}

  /** Writes {@code rows} as a staged snapshot of {@code table} and returns it. */
  static Snapshot stage(
      SparkSession spark,
      Table table,
      String qualifiedName,
      String wapId,
      Dataset<Row> rows,
      Map<String, String> writeOptions,
      Column condition) {
    if (!"true".equals(table.properties().get(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED))) {
      // A table made elsewhere (Athena DDL) may lack it; ours are created with it.
      table.updateProperties().set(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED, "true").commit();
    }
    SparkSession staging = sessionLike(spark);
    staging.conf().set(WAP_ID, wapId);
    try {
      Dataset.ofRows(staging, rows.logicalPlan())
          .writeTo(qualifiedName)
          .options(writeOptions)
          .overwrite(condition);
    } catch (NoSuchTableException e) {
      throw new SilverException(SilverException.Kind.LAKEHOUSE, "Cannot write " + qualifiedName, e);
    }
    table.refresh();
    // The newest: a retried run (the same run id) may have staged one before.
    Snapshot staged = null;
    for (Snapshot snapshot : table.snapshots()) {
      if (wapId.equals(snapshot.summary().get(SnapshotSummary.STAGED_WAP_ID_PROP))
          && (staged == null || snapshot.sequenceNumber() > staged.sequenceNumber())) {
        staged = snapshot;
      }
    }
    if (staged != null) {
      return staged;
    }
    throw new SilverException(
        SilverException.Kind.INVARIANT,
        "Cannot find the snapshot staged as " + wapId + " in " + qualifiedName);
  }

  /**
   * A new session with this one's settings. A new session starts from the application's settings;
   * what this one set since (catalogs, object store, tuning) is copied over. Spark accepted each of
   * those once, so it accepts them again.
   */
  private static SparkSession sessionLike(SparkSession spark) {
    SparkSession session = spark.newSession();
    SparkConf application = spark.sparkContext().getConf();
    Iterator<Tuple2<String, String>> settings = spark.conf().getAll().iterator();
    while (settings.hasNext()) {
      Tuple2<String, String> setting = settings.next();
      String key = setting._1();
      if (!setting._2().equals(application.get(key, null))) {
        session.conf().set(key, setting._2());
      }
    }
    return session;
  }
}
