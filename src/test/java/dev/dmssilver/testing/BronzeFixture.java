package dev.dmssilver.testing;

import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.dms.DmsFileWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes tiny Bronze tables as real Parquet files in DMS's layout, for tests that read them back.
 * Rows are given in file column order.
 */
public final class BronzeFixture {
  private final Path root;

  public BronzeFixture(Path root) {
    this.root = root;
  }

  /** The Bronze root (the DMS BucketFolder) as a string, for BronzeSettings. */
  public String root() {
    return root.toString();
  }

  public Path tableFolder(String table) {
    return root.resolve("public").resolve(table);
  }

  /** Writes {@code relativePath} (e.g. "2024/01/15/20240115-101500123.parquet") under a table. */
  public String write(
      String table, String relativePath, List<DmsColumn> columns, Object[]... rows) {
    String path = tableFolder(table).resolve(relativePath).toString();
    DmsFileWriter.write(new Configuration(), path, columns, Arrays.asList(rows));
    return path;
  }

  public static List<DmsColumn> columns(DmsColumn... columns) {
    return new ArrayList<>(Arrays.asList(columns));
  }

  public static DmsColumn op() {
    return DmsColumn.of("Op", DmsColumn.Kind.STRING).asRequired();
  }

  public static DmsColumn commitTimestamp() {
    return DmsColumn.of("_dms_timestamp", DmsColumn.Kind.STRING).asRequired();
  }

  public static DmsColumn changeSequence() {
    return DmsColumn.of("_dms_change_seq", DmsColumn.Kind.STRING);
  }

  public static DmsColumn column(String name, DmsColumn.Kind kind) {
    return DmsColumn.of(name, kind);
  }

  public static DmsColumn decimal(String name, int precision, int scale) {
    return DmsColumn.decimal(name, precision, scale);
  }

  public static Object[] row(Object... values) {
    return values;
  }

  public static LocalDate date(String text) {
    return LocalDate.parse(text);
  }

  public static Instant instant(String text) {
    return Instant.parse(text);
  }

  public static BigDecimal money(String text) {
    return new BigDecimal(text);
  }
}
