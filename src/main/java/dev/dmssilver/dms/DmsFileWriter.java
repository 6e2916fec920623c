package dev.dmssilver.dms;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes one Parquet file shaped the way AWS DMS writes them, row by row, with the exact physical
 * types DMS uses. Used by the demo generator and by tests that need precise Bronze fixtures.
 *
 * <p>Values: Integer/Short/Long for integers, String, byte[] for BINARY, LocalDate, Instant,
 * BigDecimal, Float, Double, Boolean, or null.
 */
public final class DmsFileWriter {
  private static final int PAGE_SIZE = 64 * 1024;
  private static final long ROW_GROUP_BYTES_DEFAULT = 128L * 1024 * 1024;

  private DmsFileWriter() {}

  /** Writes one file; to write many, open them through one {@link OutputFiles}. */
  public static void write(
      Configuration conf, String path, List<DmsColumn> columns, Iterable<Object[]> rows) {
    write(OutputFiles.forRoot(conf, path), conf, path, columns, rows);
  }

  public static void write(
      OutputFiles files,
      Configuration conf,
      String path,
      List<DmsColumn> columns,
      Iterable<Object[]> rows) {
    write(files, conf, path, columns, rows, ROW_GROUP_BYTES_DEFAULT);
  }

  /** Writes with row groups of about {@code rowGroupBytes}: small ones make files splittable. */
  public static void write(
      OutputFiles files,
      Configuration conf,
      String path,
      List<DmsColumn> columns,
      Iterable<Object[]> rows,
      long rowGroupBytes) {
    write(
        files,
        conf,
        path,
        columns,
        rows,
        rowGroupBytes,
        CompressionCodecName.SNAPPY,
        WriterVersion.PARQUET_1_0);
  }

  /** Writes as an endpoint would: its compression and Parquet version. */
  static void write(
      OutputFiles files,
      Configuration conf,
      String path,
      List<DmsColumn> columns,
      Iterable<Object[]> rows,
      DmsEndpoint endpoint) {
    write(
        files,
        conf,
        path,
        columns,
        rows,
        ROW_GROUP_BYTES_DEFAULT,
        endpoint.compression() == DmsEndpoint.Compression.GZIP
            ? CompressionCodecName.GZIP
            : CompressionCodecName.UNCOMPRESSED,
        endpoint.parquetVersion2() ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0);
  }

  private static void write(
      OutputFiles files,
      Configuration conf,
      String path,
      List<DmsColumn> columns,
      Iterable<Object[]> rows,
      long rowGroupBytes,
      CompressionCodecName codec,
      WriterVersion version) {
    MessageType schema = schemaOf(columns);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(files.open(path))
            .withConf(conf)
            .withType(schema)
            .withCompressionCodec(codec)
            .withWriterVersion(version)
            // Small pages: Parquet allocates a page-sized compression buffer per column per file,
            // and most DMS CDC files are small.
            .withPageSize((int) Math.min(PAGE_SIZE, rowGroupBytes))
            .withRowGroupSize(rowGroupBytes)
            .withDictionaryPageSize(PAGE_SIZE)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (Object[] row : rows) {
        Group group = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
          if (row[i] != null) {
            append(group, i, columns.get(i), row[i]);
          }
        }
        writer.write(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  static MessageType schemaOf(List<DmsColumn> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (DmsColumn column : columns) {
      message.addField(fieldOf(column));
    }
    return message.named("dms");
  }

  /** One case per column kind: over 40 lines, but a table of kinds reads best whole. */
  private static Type fieldOf(DmsColumn column) {
    Type.Repetition repetition =
        column.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
    switch (column.kind()) {
      case SMALLINT:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(intType(16, true))
            .named(column.name());
      case INT:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case BIGINT:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(stringType())
            .named(column.name());
      case BINARY:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(column.name());
      case DATE:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(dateType())
            .named(column.name());
      case TIMESTAMP_MILLIS:
        return Types.primitive(PrimitiveTypeName.INT64, repetition)
            .as(timestampType(true, TimeUnit.MILLIS))
            .named(column.name());
      case TIMESTAMP_MICROS:
        return Types.primitive(PrimitiveTypeName.INT64, repetition)
            .as(timestampType(true, TimeUnit.MICROS))
            .named(column.name());
      case DECIMAL:
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
            .length(bytesForPrecision(column.precision()))
            .as(decimalType(column.scale(), column.precision()))
            .named(column.name());
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(column.name());
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      default:
        throw new IllegalArgumentException("Unknown kind " + column.kind());
    }
  }

  /**
   * Adds by field index: a name would cost a map lookup per value. One case per column kind: over
   * 40 lines, but a table of kinds reads best whole.
   */
  private static void append(Group group, int field, DmsColumn column, Object value) {
    switch (column.kind()) {
      case SMALLINT:
      case INT:
        group.add(field, ((Number) value).intValue());
        return;
      case BIGINT:
        group.add(field, ((Number) value).longValue());
        return;
      case STRING:
        // byte[] lets tests write text that is not valid UTF-8, as a SQL_ASCII source can.
        group.add(
            field,
            value instanceof byte[]
                ? Binary.fromConstantByteArray((byte[]) value)
                : Binary.fromString((String) value));
        return;
      case BINARY:
        byte[] bytes =
            value instanceof byte[]
                ? (byte[]) value
                : ((String) value).getBytes(StandardCharsets.UTF_8);
        group.add(field, Binary.fromConstantByteArray(bytes));
        return;
      case DATE:
        group.add(field, (int) ((LocalDate) value).toEpochDay());
        return;
      case TIMESTAMP_MILLIS:
        group.add(field, ((Instant) value).toEpochMilli());
        return;
      case TIMESTAMP_MICROS:
        Instant instant = (Instant) value;
        group.add(field, instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
        return;
      case DECIMAL:
        group.add(field, decimalBinary((BigDecimal) value, column));
        return;
      case FLOAT:
        group.add(field, ((Number) value).floatValue());
        return;
      case DOUBLE:
        group.add(field, ((Number) value).doubleValue());
        return;
      case BOOLEAN:
        group.add(field, (Boolean) value);
        return;
      default:
        throw new IllegalArgumentException("Unknown kind " + column.kind());
    }
  }

  /** Two's complement, big-endian, sign-extended to the column's fixed length. */
  private static Binary decimalBinary(BigDecimal value, DmsColumn column) {
    byte[] unscaled =
        value.setScale(column.scale(), RoundingMode.UNNECESSARY).unscaledValue().toByteArray();
    int length = bytesForPrecision(column.precision());
    if (unscaled.length > length) {
      throw new IllegalArgumentException(
          "Cannot write "
              + value
              + " as decimal("
              + column.precision()
              + ","
              + column.scale()
              + ")");
    }
    byte[] padded = new byte[length];
    byte sign = (byte) (unscaled[0] < 0 ? 0xFF : 0x00);
    int offset = length - unscaled.length;
    for (int i = 0; i < offset; i++) {
      padded[i] = sign;
    }
    System.arraycopy(unscaled, 0, padded, offset, unscaled.length);
    return Binary.fromConstantByteArray(padded);
  }

  /** The fewest bytes whose signed range holds every value of the given decimal precision. */
  static int bytesForPrecision(int precision) {
    int bytes = 1;
    while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
      bytes++;
    }
    return bytes;
  }
}
