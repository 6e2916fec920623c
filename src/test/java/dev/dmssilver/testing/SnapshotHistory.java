package dev.dmssilver.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.lakehouse.RunRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What an auditor sees in a table's history: every commit is a run's, the first included. */
public final class SnapshotHistory {
  private SnapshotHistory() {}

  /**
   * Requires every snapshot of {@code table} to carry a run id, and its first snapshot to have no
   * parent. Returns the first snapshot's id.
   */
  public static long requireEveryCommitToBeARun(SparkSession spark, String table) {
    List<Row> snapshots =
        spark
            .sql(
                "SELECT snapshot_id, parent_id, summary['"
                    + RunRecord.RUN_ID
                    + "'] AS run_id FROM "
                    + table
                    + ".snapshots ORDER BY committed_at")
            .collectAsList();
    assertThat(snapshots).as(table + " has snapshots").isNotEmpty();
    List<Long> anonymous =
        snapshots.stream()
            .filter(row -> row.isNullAt(2))
            .map(row -> row.getLong(0))
            .collect(Collectors.toList());
    assertThat(anonymous).as(table + ": snapshots no run made").isEmpty();
    Row first = snapshots.get(0);
    assertThat(first.isNullAt(1)).as(table + ": the first snapshot has no parent").isTrue();
    return first.getLong(0);
  }
}
