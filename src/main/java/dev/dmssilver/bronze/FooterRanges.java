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
 * The smallest and largest instant a file holds in each column that can carry a commit timestamp (a
 * string in DMS's format, or a Parquet timestamp), from the footer's statistics alone. A column
 * whose every row group has statistics gets a range; any other column none.
 */
final class FooterRanges {
  private static final DateTimeFormatter COMMIT_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private FooterRanges() {}

  /** Lower-cased column name to the smallest and largest instant in it. */
  static Map<String, Instant[]> of(ParquetMetadata footer) {
    Map<String, Instant[]> ranges = new HashMap<>();
    Map<String, Boolean> complete = new HashMap<>();
    List<BlockMetaData> blocks = footer.getBlocks();
    for (BlockMetaData block : blocks) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (chunk.getPath().size() != 1) {
          continue;
        }
        String name = chunk.getPath().toDotString().toLowerCase(Locale.ROOT);
        Instant[] range = range(chunk);
        if (range == null) {
          complete.put(name, false);
          continue;
        }
        complete.putIfAbsent(name, true);
        ranges.merge(
            name,
            range,
            (a, b) ->
                new Instant[] {
                  a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]
                });
      }
    }
    complete.forEach(
        (name, whole) -> {
          if (!whole) {
            ranges.remove(name);
          }
        });
    return ranges;
  }

  /**
   * Whether the file holds a delete, from its {@code Op} column's statistics: D sorts before I and
   * U, so the smallest Op is D exactly when there is one. Empty if the footer cannot tell.
   */
  static java.util.Optional<Boolean> holdsDeletes(ParquetMetadata footer) {
    boolean any = false;
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (chunk.getPath().size() != 1 || !chunk.getPath().toDotString().equals("Op")) {
          continue;
        }
        Statistics<?> statistics = chunk.getStatistics();
        if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()) {
          return java.util.Optional.empty();
        }
        any |= "D".equals(((Binary) statistics.genericGetMin()).toStringUsingUTF8());
      }
    }
    return java.util.Optional.of(any);
  }

  private static Instant[] range(ColumnChunkMetaData chunk) {
    Statistics<?> statistics = chunk.getStatistics();
    if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()) {
      return null;
    }
    PrimitiveType type = chunk.getPrimitiveType();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
      Instant minimum = parse(((Binary) statistics.genericGetMin()).toStringUsingUTF8());
      Instant maximum = parse(((Binary) statistics.genericGetMax()).toStringUsingUTF8());
      return minimum == null || maximum == null ? null : new Instant[] {minimum, maximum};
    }
    if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
        && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      LogicalTypeAnnotation.TimeUnit unit =
          ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).getUnit();
      return new Instant[] {
        instant((Long) statistics.genericGetMin(), unit),
        instant((Long) statistics.genericGetMax(), unit)
      };
    }
    return null;
  }

  private static Instant instant(long value, LogicalTypeAnnotation.TimeUnit unit) {
    switch (unit) {
      case MILLIS:
        return Instant.ofEpochMilli(value);
      case MICROS:
        return Instant.ofEpochSecond(0, value * 1000);
      default:
        return Instant.ofEpochSecond(0, value);
    }
  }

  private static Instant parse(String text) {
    // Most string columns are not timestamps: a cheap look before the parser's exception.
    if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(10) != ' ') {
      return null;
    }
    try {
      return LocalDateTime.parse(text, COMMIT_TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
