package dev.dmssilver.incremental;

import dev.dmssilver.SilverException;
import dev.dmssilver.lakehouse.TableRefs;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * A commit to a job's own state table, which is the job's commit point: written on a branch of the
 * snapshot the writer read, then main fast-forwarded to it. The fast-forward fails if another
 * writer (a run, or maintenance dropping tombstones) committed the state meanwhile, so neither
 * takes back what the other committed.
 */
final class OwnStateCommit {
  private static final String BRANCH = ".`branch_";

  private OwnStateCommit() {}

  /**
   * @param qualified the table's name in SQL
   * @param write is given the table and the branch's qualified name, for SQL
   * @param ifLost what the user should do if another writer committed first
   */
  static void commit(
      Table own,
      String qualified,
      String job,
      long baseSnapshot,
      String runId,
      String ifLost,
      BiConsumer<Table, String> write) {
    String branch = "state_" + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    TableRefs.change(
        own,
        refs -> {
          if (own.refs().containsKey(branch)) {
            refs.removeBranch(branch);
          }
          return refs.createBranch(branch, baseSnapshot);
        });
    try {
      write.accept(own, qualified + BRANCH + branch + "`");
      try {
        TableRefs.change(own, refs -> refs.fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch));
      } catch (RuntimeException e) {
        own.refresh();
        throw new SilverException(
            SilverException.Kind.CONFLICT,
            String.format(
                "Cannot commit the incremental state of %s: another run committed it meanwhile"
                    + " (this one read snapshot %d, main is now %d). %s",
                job, baseSnapshot, own.currentSnapshot().snapshotId(), ifLost),
            e);
      }
    } finally {
      own.refresh();
      if (own.refs().containsKey(branch)) {
        TableRefs.change(own, refs -> refs.removeBranch(branch));
      }
    }
  }

  /** The branch's name, from the qualified name {@link #commit} gave the writer. */
  static String branchOf(String onBranch) {
    int start = onBranch.lastIndexOf(BRANCH) + BRANCH.length();
    return onBranch.substring(start, onBranch.length() - 1);
  }
}
