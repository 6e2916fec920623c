package dev.dmssilver.bronze;

import java.util.Locale;
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

  /** CDC files: without any, there is nothing to say about deletes. */
  public static long cdcFiles(BronzeInventory inventory) {
    return inventory.files().stream().filter(file -> !file.isFullLoad()).count();
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
