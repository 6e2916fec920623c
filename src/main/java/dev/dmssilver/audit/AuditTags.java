package dev.dmssilver.audit;

import dev.dmssilver.SilverException;
import dev.dmssilver.lakehouse.TableRefs;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Audit tags: a named snapshot that snapshot expiry keeps, forever or for a set time (Iceberg's
 * {@code max-ref-age}). Time travel reads it by name: {@code VERSION AS OF 'month-end-2024-01'}.
 */
public final class AuditTags {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private AuditTags() {}

  /** Tags {@code snapshot} as {@code name}; refuses a name that is taken or reserved. */
  public static void create(
      Table table, Snapshot snapshot, String name, Optional<Duration> retention) {
    if (!NAME.matcher(name).matches()) {
      throw refused(
          table,
          name,
          "a tag name is letters, digits, '.', '_' and '-', starting with a letter" + " or digit");
    }
    if (name.equals(SnapshotRef.MAIN_BRANCH) || name.startsWith("audit_")) {
      throw refused(table, name, "'main' and names starting 'audit_' are the publisher's");
    }
    table.refresh();
    SnapshotRef existing = table.refs().get(name);
    if (existing != null) {
      throw refused(
          table,
          name,
          "it already names snapshot "
              + existing.snapshotId()
              + "; tags are not moved (drop it first with"
              + " ALTER TABLE … DROP TAG in Spark SQL if you must)");
    }
    TableRefs.change(
        table,
        refs -> {
          ManageSnapshots tagging = refs.createTag(name, snapshot.snapshotId());
          return retention.isPresent()
              ? tagging.setMaxRefAgeMs(name, retention.get().toMillis())
              : tagging;
        });
  }

  private static SilverException refused(Table table, String name, String why) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION,
        "Cannot tag " + table.name() + " as '" + name + "': " + why);
  }
}
