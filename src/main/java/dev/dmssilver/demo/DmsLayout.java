package dev.dmssilver.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes changes the way an AWS DMS S3 endpoint lays them out: {@code <schema>/<table>/} with
 * full-load files {@code LOAD0000000N.parquet} (no Op column) and CDC files named for the time they
 * were written, in date folders ({@code DatePartitionEnabled}). Every file carries the
 * commit-timestamp column and the AR_H_CHANGE_SEQ column (empty in full loads).
 */
final class DmsLayout {
  static final String TIMESTAMP_COLUMN = "_dms_timestamp";
  static final String CHANGE_SEQUENCE_COLUMN = "_dms_change_seq";
  private static final int ROWS_PER_LOAD_FILE = 500_000;
  private static final DateTimeFormatter COMMIT_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CDC_FILE_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Configuration conf;
  private final OutputFiles files;
  private final String root;
  private final Map<SourceTable, Integer> loadFileNumbers = new HashMap<>();
  private final Map<String, Long> eventsByTable = new HashMap<>();
  private final Map<String, Integer> filesByTable = new HashMap<>();
  private long fullLoadEvents;

  DmsLayout(Configuration conf, String root) {
    this.conf = conf;
    this.files = OutputFiles.forRoot(conf, root);
    this.root = root;
  }

  /** A full load of {@code rows}, read from the source at {@code loadTime}. */
  void writeFullLoad(SourceTable table, Instant loadTime, Collection<Object[]> rows) {
    List<DmsColumn> columns = new ArrayList<>();
    columns.add(DmsColumn.of(TIMESTAMP_COLUMN, DmsColumn.Kind.STRING).asRequired());
    columns.addAll(table.columnsAt(loadTime));
    columns.add(DmsColumn.of(CHANGE_SEQUENCE_COLUMN, DmsColumn.Kind.STRING));
    int[] indexes = table.indexesAt(loadTime);
    String timestamp = COMMIT_TIMESTAMP.format(loadTime);
    List<Object[]> chunk = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] out = new Object[columns.size()];
      out[0] = timestamp;
      for (int i = 0; i < indexes.length; i++) {
        out[i + 1] = row[indexes[i]];
      }
      out[columns.size() - 1] = "";
      chunk.add(out);
      if (chunk.size() == ROWS_PER_LOAD_FILE) {
        writeLoadFile(table, columns, chunk);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      writeLoadFile(table, columns, chunk);
    }
  }

  private void writeLoadFile(SourceTable table, List<DmsColumn> columns, List<Object[]> rows) {
    int number = loadFileNumbers.merge(table, 1, Integer::sum);
    String path = tableFolder(table) + "/" + String.format(Locale.ROOT, "LOAD%08X.parquet", number);
    write(table, path, columns, rows);
    fullLoadEvents += rows.size();
  }

  /** One CDC file holding {@code events} (all of one table, in commit order). */
  void writeCdcFile(SourceTable table, Instant writtenAt, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant schemaTime = events.get(0).commitTime;
    List<DmsColumn> columns = new ArrayList<>();
    columns.add(DmsColumn.of("Op", DmsColumn.Kind.STRING).asRequired());
    columns.add(DmsColumn.of(TIMESTAMP_COLUMN, DmsColumn.Kind.STRING).asRequired());
    columns.addAll(table.columnsAt(schemaTime));
    columns.add(DmsColumn.of(CHANGE_SEQUENCE_COLUMN, DmsColumn.Kind.STRING));
    int[] indexes = table.indexesAt(schemaTime);
    List<Object[]> rows = new ArrayList<>(events.size());
    for (ChangeEvent event : events) {
      Object[] out = new Object[columns.size()];
      out[0] = String.valueOf(event.op);
      out[1] = COMMIT_TIMESTAMP.format(event.commitTime);
      for (int i = 0; i < indexes.length; i++) {
        out[i + 2] = event.row[indexes[i]];
      }
      out[columns.size() - 1] = String.format(Locale.ROOT, "%035d", event.sequence);
      rows.add(out);
    }
    String path =
        tableFolder(table)
            + "/"
            + DATE_FOLDER.format(schemaTime)
            + "/"
            + CDC_FILE_NAME.format(writtenAt)
            + ".parquet";
    write(table, path, columns, rows);
  }

  private void write(SourceTable table, String path, List<DmsColumn> columns, List<Object[]> rows) {
    DmsFileWriter.write(files, conf, path, columns, rows);
    eventsByTable.merge(table.name(), (long) rows.size(), Long::sum);
    filesByTable.merge(table.name(), 1, Integer::sum);
  }

  private String tableFolder(SourceTable table) {
    return root + "/public/" + table.name();
  }

  Map<String, Long> eventsByTable() {
    return eventsByTable;
  }

  Map<String, Integer> filesByTable() {
    return filesByTable;
  }

  long fullLoadEvents() {
    return fullLoadEvents;
  }
}
