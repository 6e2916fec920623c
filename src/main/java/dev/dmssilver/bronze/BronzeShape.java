package dev.dmssilver.bronze;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;

/**
 * Which DMS endpoint settings a Bronze table shows, in words: whether its full-load and CDC files
 * carry Op, how the commit timestamp is written, and whether a change sequence is there. DMS
 * deployments differ in each; a user should see which one the job read.
 */
public final class BronzeShape {
  private BronzeShape() {}

  public static String describe(BronzeInventory inventory, BronzeSettings settings) {
    int loads = 0;
    int loadsWithOp = 0;
    int changes = 0;
    int changesWithOp = 0;
    String timestampType = null;
    boolean sequence = false;
    for (BronzeFile file : inventory.files()) {
      boolean op = field(file, EventColumns.DMS_OP) != null;
      if (file.isFullLoad()) {
        loads++;
        loadsWithOp += op ? 1 : 0;
      } else {
        changes++;
        changesWithOp += op ? 1 : 0;
      }
      StructField stamp = field(file, settings.timestampColumn());
      if (stamp != null && timestampType == null) {
        timestampType = stamp.dataType().simpleString();
      }
      sequence |= field(file, settings.changeSequenceColumn()) != null;
    }
    return String.format(
        "Bronze shape: %d full-load files (%s), %d CDC files (%s); %s %s; %s",
        loads,
        withOp(loadsWithOp, loads),
        changes,
        withOp(changesWithOp, changes),
        settings.timestampColumn(),
        timestampType == null ? "missing" : "as " + timestampType,
        sequence ? "change sequence " + settings.changeSequenceColumn() : "no change sequence");
  }

  /**
   * Says so when CDC files hold changes committed while the full load ran: DMS stamped the load's
   * rows with their transfer times, so such a change may look older than the stale row it changed.
   * They win here, since a full load's rows count as of its start; only a change committed between
   * the task's start and the load's first row cannot be told apart. From footer statistics alone.
   */
  public static Optional<String> fullLoadOverlap(
      BronzeInventory inventory, BronzeSettings settings, Optional<Instant> loadStart) {
    String column = settings.timestampColumn();
    Instant loadEnd = null;
    for (BronzeFile file : inventory.files()) {
      if (file.isFullLoad()) {
        Optional<Instant> maximum = file.maximumOf(column);
        if (!maximum.isPresent()) {
          return Optional.empty();
        }
        loadEnd = loadEnd == null || maximum.get().isAfter(loadEnd) ? maximum.get() : loadEnd;
      }
    }
    if (!loadStart.isPresent() || loadEnd == null || !loadEnd.isAfter(loadStart.get())) {
      return Optional.empty();
    }
    int overlapping = 0;
    for (BronzeFile file : inventory.files()) {
      Optional<Instant> first = file.minimumOf(column);
      Optional<Instant> last = file.maximumOf(column);
      if (!file.isFullLoad()
          && first.isPresent()
          && last.isPresent()
          && !first.get().isAfter(loadEnd)
          && !last.get().isBefore(loadStart.get())) {
        overlapping++;
      }
    }
    if (overlapping == 0) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%d CDC files hold changes committed while the full load ran (%s to %s). They win over"
                + " the load's rows, which count as of its start. A change committed after the DMS"
                + " task started but before the load's first row was transferred cannot be told"
                + " apart: set use_task_start_time_for_full_load_timestamp on the endpoint to"
                + " close that window",
            overlapping, loadStart.get(), loadEnd));
  }

  /**
   * True when CDC files exist and their footers show that none holds a delete (Op = D): the
   * endpoint may not write deletes at all. False when one does, or when a footer cannot tell.
   */
  public static boolean cdcWithoutDeletes(BronzeInventory inventory) {
    boolean cdc = false;
    for (BronzeFile file : inventory.files()) {
      if (file.isFullLoad()) {
        continue;
      }
      cdc = true;
      if (file.holdsDeletes().orElse(true)) {
        return false;
      }
    }
    return cdc;
  }

  private static String withOp(int withOp, int files) {
    if (files == 0) {
      return "none";
    }
    if (withOp == files) {
      return "with Op";
    }
    return withOp == 0 ? "no Op" : withOp + " with Op";
  }

  private static StructField field(BronzeFile file, String name) {
    for (StructField field : file.schema().fields()) {
      if (field.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return field;
      }
    }
    return null;
  }
}
