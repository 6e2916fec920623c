package dev.dmssilver.bronze;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructType;

/** One Parquet file DMS wrote, with what its footer says: schema and row count. */
public final class BronzeFile {
  // LOAD00000001.parquet, or SEGMENT2_LOAD00000001.parquet for a parallel full load.
  private static final Pattern FULL_LOAD_NAME =
      Pattern.compile("(SEGMENT\\d+_)?LOAD[0-9A-Fa-f]+\\.parquet");

  private final String path;
  private final long sizeInBytes;
  private final StructType schema;
  private final long rowCount;
  private final Map<String, Instant[]> ranges;
  private final Optional<Boolean> holdsDeletes;
  private final long modifiedAtMillis;

  public BronzeFile(String path, long sizeInBytes, StructType schema, long rowCount) {
    this(
        path,
        sizeInBytes,
        schema,
        rowCount,
        Collections.<String, Instant[]>emptyMap(),
        Optional.<Boolean>empty(),
        0L);
  }

  /**
   * @param ranges the smallest and largest instant of each timestamp-like column, by lower-cased
   *     name, where the footer's statistics give them
   * @param holdsDeletes whether the file has an Op = D row, where the statistics tell
   * @param modifiedAtMillis when the listing says the file was last written
   */
  public BronzeFile(
      String path,
      long sizeInBytes,
      StructType schema,
      long rowCount,
      Map<String, Instant[]> ranges,
      Optional<Boolean> holdsDeletes,
      long modifiedAtMillis) {
    this.modifiedAtMillis = modifiedAtMillis;
    this.path = requireNonNull(path, "path is null");
    this.sizeInBytes = sizeInBytes;
    this.schema = requireNonNull(schema, "schema is null");
    this.rowCount = rowCount;
    this.ranges = Collections.unmodifiableMap(new HashMap<>(ranges));
    this.holdsDeletes = requireNonNull(holdsDeletes, "holdsDeletes is null");
  }

  public String path() {
    return path;
  }

  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public long sizeInBytes() {
    return sizeInBytes;
  }

  /** Milliseconds since the epoch, as the listing reported it. */
  public long modifiedAtMillis() {
    return modifiedAtMillis;
  }

  public StructType schema() {
    return schema;
  }

  public long rowCount() {
    return rowCount;
  }

  /** The smallest instant in {@code column}, if the footer's statistics say. */
  public Optional<Instant> minimumOf(String column) {
    Instant[] range = ranges.get(column.toLowerCase(Locale.ROOT));
    return range == null ? Optional.<Instant>empty() : Optional.of(range[0]);
  }

  /** Whether the file holds an Op = D row, if its footer's statistics tell. */
  public Optional<Boolean> holdsDeletes() {
    return holdsDeletes;
  }

  /** The largest instant in {@code column}, if the footer's statistics say. */
  public Optional<Instant> maximumOf(String column) {
    Instant[] range = ranges.get(column.toLowerCase(Locale.ROOT));
    return range == null ? Optional.<Instant>empty() : Optional.of(range[1]);
  }

  /** Full-load files sort below CDC files when two events share a commit timestamp. */
  public boolean isFullLoad() {
    return isFullLoadName(name());
  }

  public static boolean isFullLoadFileName(String fileName) {
    return isFullLoadName(fileName);
  }

  static boolean isFullLoadName(String fileName) {
    return FULL_LOAD_NAME.matcher(fileName).matches();
  }

  @Override
  public String toString() {
    return path;
  }
}
