package dev.dmssilver.audit;

import dev.dmssilver.SilverException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Finds a snapshot the way an auditor names it: a tag or branch name, a snapshot id, or a moment
 * (the snapshot of {@code main} current at that time, as {@code TIMESTAMP AS OF} reads it). Moments
 * are UTC: {@code 2024-01-31T23:59:59Z}, {@code 2024-01-31 23:59:59} or {@code 2024-01-31} (the
 * start of that day).
 */
public final class SnapshotSelector {
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

  private SnapshotSelector() {}

  public static Snapshot select(Table table, String reference) {
    String text = reference == null ? "" : reference.trim();
    SnapshotRef ref = table.refs().get(text);
    if (ref != null) {
      return table.snapshot(ref.snapshotId());
    }
    if (text.matches("-?\\d{6,}")) {
      Snapshot snapshot = table.snapshot(Long.parseLong(text));
      if (snapshot == null) {
        throw notFound(table, text, "no snapshot has this id (expired, or of another table?)");
      }
      return snapshot;
    }
    Instant moment = moment(text);
    if (moment == null) {
      throw notFound(
          table,
          text,
          "it is not a tag or branch "
              + new TreeSet<>(table.refs().keySet())
              + ", a snapshot id, or a time such as 2024-01-31T23:59:59Z");
    }
    return asOf(table, moment, text);
  }

  /** The snapshot of main current at {@code moment}. */
  public static Snapshot asOf(Table table, Instant moment, String asWritten) {
    try {
      return table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, moment.toEpochMilli()));
    } catch (IllegalArgumentException e) {
      throw notFound(
          table,
          asWritten,
          "the oldest snapshot still kept is newer (see bin/silver snapshots; expiry removes old"
              + " snapshots unless a tag keeps them)");
    }
  }

  /** Reads {@code text} as a UTC moment, or returns null. */
  public static Instant moment(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notIso) {
      // Try the next form.
    }
    try {
      return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notSpaced) {
      // Try the next form.
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  private static SilverException notFound(Table table, String reference, String why) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION,
        "Cannot find snapshot '" + reference + "' of " + table.name() + ": " + why);
  }
}
