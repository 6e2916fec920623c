package dev.dmssilver.lakehouse;

import java.util.function.Function;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.Tasks;

/**
 * Changes to a table's branches and tags that survive other writers. Iceberg retries data commits
 * itself, but a branch or tag change that loses a race fails with "metadata refresh is required":
 * so it is refreshed and applied again, as a data commit would be.
 */
public final class TableRefs {
  private static final int RETRIES = 20;

  private TableRefs() {}

  /** Applies {@code change} to the table's current refs and commits it, retrying lost races. */
  public static void change(Table table, Function<ManageSnapshots, ManageSnapshots> change) {
    Tasks.foreach(table)
        .retry(RETRIES)
        .exponentialBackoff(100, 5_000, 120_000, 2.0)
        .onlyRetryOn(CommitFailedException.class)
        .throwFailureWhenFinished()
        .run(
            refs -> {
              refs.refresh();
              change.apply(refs.manageSnapshots()).commit();
            });
  }
}
