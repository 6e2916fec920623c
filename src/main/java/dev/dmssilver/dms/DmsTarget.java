package dev.dmssilver.dms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes Bronze the way an AWS DMS S3 target endpoint lays it out: {@code
 * <bucket>/<bucket_folder>/<schema>/<table>/}, full-load files {@code LOAD0000000N.parquet} (a hex
 * counter), and CDC files named for the time they were written, in date folders if the endpoint has
 * them. The endpoint decides which changes are written, which columns each file has (Op, the
 * commit-timestamp column, an optional change-sequence column) and how timestamps are stored. The
 * demo generator and the PostgreSQL capture both write through here.
 */
public final class DmsTarget {
  private static final int ROWS_PER_LOAD_FILE = 500_000;
  private static final DateTimeFormatter COMMIT_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CDC_FILE_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Configuration conf;
  private final String bucket;
  private final DmsEndpoint endpoint;
  private final Optional<String> changeSequenceColumn;
  private final OutputFiles files;

  /** The endpoint's date folders, or null without them. */
  private final DateTimeFormatter dateFolders;

  private final Map<String, Long> rowsByTable = new TreeMap<>();
  private final Map<String, Integer> filesByTable = new TreeMap<>();
  private Instant lastCdcFileTime = Instant.EPOCH;

  /**
   * @param bucket a local folder or an {@code s3://} or {@code s3a://} URI standing for the bucket
   * @param changeSequenceColumn the column a task's transformation rule adds for AR_H_CHANGE_SEQ,
   *     if any: it is not an endpoint setting
   */
  public DmsTarget(
      Configuration conf,
      String bucket,
      DmsEndpoint endpoint,
      Optional<String> changeSequenceColumn) {
    this.conf = requireNonNull(conf, "conf is null");
    this.bucket = stripTrailingSlash(requireNonNull(bucket, "bucket is null"));
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.changeSequenceColumn = requireNonNull(changeSequenceColumn, "column is null");
    this.files = OutputFiles.forRoot(conf, this.bucket);
    this.dateFolders =
        endpoint
            .dateFolderPattern()
            .map(
                pattern ->
                    DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
                        .withZone(endpoint.dateTimeZone()))
            .orElse(null);
  }

  public DmsEndpoint endpoint() {
    return endpoint;
  }

  /** The folder that holds {@code <schema>/<table>}: what the jobs take as {@code --bronze}. */
  public String bronzeRoot() {
    return endpoint.bucketFolder().isEmpty() ? bucket : bucket + "/" + endpoint.bucketFolder();
  }

  public String tableFolder(String schema, String table) {
    return bronzeRoot() + "/" + schema + "/" + table;
  }

  /**
   * Writes a full load of {@code rows} (values in {@code columns} order) as LOAD files numbered
   * from {@code firstFileNumber}. Each row is stamped with {@code stamps.stampFor(row index)}: the
   * time DMS transferred it, or the task's start, as the endpoint says. Returns how many files it
   * wrote.
   */
  public int writeFullLoad(
      String schema,
      String table,
      List<DmsColumn> columns,
      Iterable<Object[]> rows,
      FullLoadStamps stamps,
      int firstFileNumber) {
    boolean withOp = endpoint.fullLoadHasOp();
    List<DmsColumn> fileColumns = fileColumns(columns, withOp);
    int number = firstFileNumber;
    List<Object[]> chunk = new ArrayList<>();
    long index = 0;
    for (Object[] row : rows) {
      chunk.add(fileRow(withOp, fileColumns.size(), 'I', stamps.stampFor(index++), row, ""));
      if (chunk.size() == ROWS_PER_LOAD_FILE) {
        writeFile(table, loadFilePath(schema, table, number++), fileColumns, chunk);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      writeFile(table, loadFilePath(schema, table, number++), fileColumns, chunk);
    }
    return number - firstFileNumber;
  }

  /** The stamp of each full-load row's commit-timestamp column. */
  public interface FullLoadStamps {
    Instant stampFor(long rowIndex);
  }

  /**
   * Writes CDC files holding the changes the endpoint keeps, in the order given (commit order, then
   * the order inside each transaction). A new file starts at a new date folder and when the commit
   * times would span more than CdcMaxBatchInterval. A file is named for when it was written: {@code
   * writtenAt}, but never before its last commit, and each name later than the one before. Returns
   * the changes written.
   */
  public long writeCdc(
      String schema,
      String table,
      List<DmsColumn> columns,
      List<DmsChange> changes,
      Instant writtenAt) {
    boolean withOp = endpoint.cdcHasOp();
    List<DmsColumn> fileColumns = fileColumns(columns, withOp);
    List<Object[]> rows = new ArrayList<>();
    String folder = null;
    Instant fileStart = null;
    Instant last = null;
    long written = 0;
    for (DmsChange change : changes) {
      if (!endpoint.writes(change.op())) {
        continue;
      }
      String changeFolder = dateFolder(change.commitTime());
      boolean full =
          fileStart != null
              && change.commitTime().isAfter(fileStart.plus(endpoint.cdcMaxBatchInterval()));
      if (!rows.isEmpty() && (full || !changeFolder.equals(folder))) {
        writeFile(table, cdcFilePath(schema, table, folder, writtenAt, last), fileColumns, rows);
        rows = new ArrayList<>();
      }
      if (rows.isEmpty()) {
        folder = changeFolder;
        fileStart = change.commitTime();
      }
      rows.add(fileRow(withOp, fileColumns.size(), change));
      last = change.commitTime();
      written++;
    }
    if (!rows.isEmpty()) {
      writeFile(table, cdcFilePath(schema, table, folder, writtenAt, last), fileColumns, rows);
    }
    return written;
  }

  /** Whether the table's folder holds a LOAD file. */
  public boolean hasFullLoad(String schema, String table) {
    return !LoadFiles.numbered(conf, tableFolder(schema, table)).isEmpty();
  }

  /**
   * Removes LOAD files numbered from {@code firstStale} on: after a reload with fewer files, the
   * old load's extra files must not stay beside the new one (a reload overwrites the numbers it
   * uses).
   */
  public void removeLoadFilesFrom(String schema, String table, int firstStale) {
    LoadFiles.removeFrom(conf, tableFolder(schema, table), firstStale);
  }

  private List<DmsColumn> fileColumns(List<DmsColumn> columns, boolean withOp) {
    List<DmsColumn> fileColumns = new ArrayList<>();
    if (withOp) {
      fileColumns.add(DmsColumn.of("Op", DmsColumn.Kind.STRING).asRequired());
    }
    endpoint
        .timestampColumn()
        .ifPresent(name -> fileColumns.add(DmsColumn.of(name, DmsColumn.Kind.STRING).asRequired()));
    for (DmsColumn column : columns) {
      boolean timestamp =
          column.kind() == DmsColumn.Kind.TIMESTAMP_MILLIS
              || column.kind() == DmsColumn.Kind.TIMESTAMP_MICROS;
      fileColumns.add(timestamp ? column.withKind(endpoint.timestampKind()) : column);
    }
    changeSequenceColumn.ifPresent(
        name -> fileColumns.add(DmsColumn.of(name, DmsColumn.Kind.STRING)));
    return fileColumns;
  }

  private Object[] fileRow(boolean withOp, int width, DmsChange change) {
    return fileRow(
        withOp, width, change.op(), change.commitTime(), change.values(), change.sequence());
  }

  /** One file row: Op, the commit timestamp's text, the values, the change sequence. */
  private Object[] fileRow(
      boolean withOp, int width, char op, Instant stamp, Object[] values, String sequence) {
    Object[] row = new Object[width];
    int at = 0;
    if (withOp) {
      row[at++] = String.valueOf(op);
    }
    if (endpoint.timestampColumn().isPresent()) {
      row[at++] = COMMIT_TIMESTAMP.format(stamp);
    }
    System.arraycopy(values, 0, row, at, values.length);
    if (changeSequenceColumn.isPresent()) {
      row[width - 1] = sequence;
    }
    return row;
  }

  private String loadFilePath(String schema, String table, int number) {
    return tableFolder(schema, table) + "/" + LoadFiles.name(number);
  }

  private String dateFolder(Instant commitTime) {
    return dateFolders == null ? "" : dateFolders.format(commitTime) + "/";
  }

  private String cdcFilePath(
      String schema, String table, String dateFolder, Instant writtenAt, Instant lastCommit) {
    Instant time = writtenAt.isAfter(lastCommit) ? writtenAt : lastCommit.plusSeconds(1);
    time = time.truncatedTo(ChronoUnit.MILLIS);
    lastCdcFileTime =
        time.isAfter(lastCdcFileTime) ? time : lastCdcFileTime.plus(1, ChronoUnit.MILLIS);
    return tableFolder(schema, table)
        + "/"
        + dateFolder
        + CDC_FILE_NAME.format(lastCdcFileTime)
        + ".parquet";
  }

  private void writeFile(String table, String path, List<DmsColumn> columns, List<Object[]> rows) {
    DmsFileWriter.write(files, conf, path, columns, rows, endpoint);
    rowsByTable.merge(table, (long) rows.size(), Long::sum);
    filesByTable.merge(table, 1, Integer::sum);
  }

  /** Rows written so far, by table. */
  public Map<String, Long> rowsByTable() {
    return rowsByTable;
  }

  /** Files written so far, by table. */
  public Map<String, Integer> filesByTable() {
    return filesByTable;
  }

  private static String stripTrailingSlash(String uri) {
    String stripped = uri;
    while (stripped.length() > 1 && stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
