package dev.dmssilver.demo;

import dev.dmssilver.dms.DmsChange;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.dms.DmsTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The demo's DMS task: the seed's S3 endpoint, except that deletes are written (so the demo shows
 * them) and a transformation rule adds AR_H_CHANGE_SEQ as {@code _dms_change_seq}. It hands each
 * table's rows, in the columns the table had at the time, to the one DMS writer.
 */
final class DmsLayout {
  static final String CHANGE_SEQUENCE_COLUMN = "_dms_change_seq";

  private final DmsTarget target;
  private final Map<SourceTable, Integer> loadFileNumbers = new HashMap<>();
  private long fullLoadEvents;

  DmsLayout(Configuration conf, String root) {
    DmsEndpoint endpoint =
        DmsEndpoint.seed().toBuilder()
            .set("bucket_folder", "")
            .set("cdc_inserts_and_updates", "false")
            // The generator cuts its own files (DemoOptions.cdcFileMinutes); never split them.
            .set("cdc_max_batch_interval", Long.toString(Duration.ofDays(1).getSeconds()))
            .build();
    this.target = new DmsTarget(conf, root, endpoint, Optional.of(CHANGE_SEQUENCE_COLUMN));
  }

  /** A full load of {@code rows}, read from the source at {@code loadTime}. */
  void writeFullLoad(SourceTable table, Instant loadTime, Collection<Object[]> rows) {
    int[] indexes = table.indexesAt(loadTime);
    List<Object[]> projected = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      projected.add(project(row, indexes));
    }
    int first = loadFileNumbers.getOrDefault(table, 0) + 1;
    int written =
        target.writeFullLoad(
            "public", table.name(), table.columnsAt(loadTime), projected, row -> loadTime, first);
    loadFileNumbers.put(table, first + written - 1);
    fullLoadEvents += rows.size();
  }

  /** CDC files holding {@code events} (all of one table, in commit order), written at a time. */
  void writeCdcFile(SourceTable table, Instant writtenAt, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant schemaTime = events.get(0).commitTime;
    int[] indexes = table.indexesAt(schemaTime);
    List<DmsChange> changes = new ArrayList<>(events.size());
    for (ChangeEvent event : events) {
      changes.add(
          new DmsChange(
              event.op,
              event.commitTime,
              String.format(Locale.ROOT, "%035d", event.sequence),
              project(event.row, indexes)));
    }
    target.writeCdc("public", table.name(), table.columnsAt(schemaTime), changes, writtenAt);
  }

  private static Object[] project(Object[] row, int[] indexes) {
    Object[] projected = new Object[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      projected[i] = row[indexes[i]];
    }
    return projected;
  }

  Map<String, Long> eventsByTable() {
    return target.rowsByTable();
  }

  Map<String, Integer> filesByTable() {
    return target.filesByTable();
  }

  long fullLoadEvents() {
    return fullLoadEvents;
  }
}
