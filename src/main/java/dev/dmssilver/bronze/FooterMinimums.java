package dev.dmssilver.bronze;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The smallest instant a file holds in each column that can carry a commit timestamp (a string in
 * DMS's format, or a Parquet timestamp), from the footer's statistics alone. A column whose every
 * row group has statistics gets a value; any other column none.
 */
final class FooterMinimums {
  private static final DateTimeFormatter COMMIT_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private FooterMinimums() {}

  /** Lower-cased column name to the smallest instant in it. */
  static Map<String, Instant> of(ParquetMetadata footer) {
    Map<String, Instant> minimums = new HashMap<>();
    Map<String, Boolean> complete = new HashMap<>();
    List<BlockMetaData> blocks = footer.getBlocks();
    for (BlockMetaData block : blocks) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (chunk.getPath().size() != 1) {
          continue;
        }
        String name = chunk.getPath().toDotString().toLowerCase(Locale.ROOT);
        Instant minimum = minimum(chunk);
        if (minimum == null) {
          complete.put(name, false);
          continue;
        }
        complete.putIfAbsent(name, true);
        minimums.merge(name, minimum, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    complete.forEach(
        (name, whole) -> {
          if (!whole) {
            minimums.remove(name);
          }
        });
    return minimums;
  }

  private static Instant minimum(ColumnChunkMetaData chunk) {
    Statistics<?> statistics = chunk.getStatistics();
    if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()) {
      return null;
    }
    PrimitiveType type = chunk.getPrimitiveType();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
      return parse(((Binary) statistics.genericGetMin()).toStringUsingUTF8());
    }
    if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
        && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      long value = (Long) statistics.genericGetMin();
      switch (((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).getUnit()) {
        case MILLIS:
          return Instant.ofEpochMilli(value);
        case MICROS:
          return Instant.ofEpochSecond(0, value * 1000);
        default:
          return Instant.ofEpochSecond(0, value);
      }
    }
    return null;
  }

  private static Instant parse(String text) {
    try {
      return LocalDateTime.parse(text, COMMIT_TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
