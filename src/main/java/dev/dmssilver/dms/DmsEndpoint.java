package dev.dmssilver.dms;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The settings of an AWS DMS S3 target endpoint that decide what Bronze looks like, by DMS's own
 * names ({@link DmsEndpointSettings} parses them). Immutable; {@link #seed()} is the endpoint of
 * the seed platform's Terraform, {@link #dmsDefaults()} what DMS does when a setting is left unset.
 */
public final class DmsEndpoint {
  /** Parquet compression: DMS offers only these two. */
  public enum Compression {
    NONE,
    GZIP
  }

  /** The order of the date folder's parts (DatePartitionSequence). */
  public enum DateSequence {
    YYYYMMDD("yyyy", "MM", "dd"),
    YYYYMMDDHH("yyyy", "MM", "dd", "HH"),
    YYYYMM("yyyy", "MM"),
    MMYYYYDD("MM", "yyyy", "dd"),
    DDMMYYYY("dd", "MM", "yyyy");

    private final String[] parts;

    DateSequence(String... parts) {
      this.parts = parts;
    }

    /** The folder's pattern for {@link java.time.format.DateTimeFormatter}, joined by {@code d}. */
    String pattern(DateDelimiter delimiter) {
      return String.join(delimiter.text, parts);
    }
  }

  /** What separates the date folder's parts (DatePartitionDelimiter). */
  public enum DateDelimiter {
    SLASH("/"),
    UNDERSCORE("_"),
    DASH("-"),
    NONE("");

    private final String text;

    DateDelimiter(String text) {
      this.text = text;
    }
  }

  final String bucketFolder;
  final Compression compression;
  final boolean parquetVersion2;
  final boolean timestampsInMilliseconds;
  final String timestampColumnName;
  final boolean includeOpForFullLoad;
  final boolean cdcInsertsOnly;
  final boolean cdcInsertsAndUpdates;
  final boolean datePartitionEnabled;
  final DateSequence dateSequence;
  final DateDelimiter dateDelimiter;
  final ZoneId dateTimeZone;
  final boolean taskStartTimeForFullLoad;
  final Duration cdcMaxBatchInterval;

  DmsEndpoint(Builder builder) {
    this.bucketFolder = requireNonNull(builder.bucketFolder, "bucketFolder is null");
    this.compression = requireNonNull(builder.compression, "compression is null");
    this.parquetVersion2 = builder.parquetVersion2;
    this.timestampsInMilliseconds = builder.timestampsInMilliseconds;
    this.timestampColumnName = requireNonNull(builder.timestampColumnName, "timestamp is null");
    this.includeOpForFullLoad = builder.includeOpForFullLoad;
    this.cdcInsertsOnly = builder.cdcInsertsOnly;
    this.cdcInsertsAndUpdates = builder.cdcInsertsAndUpdates;
    this.datePartitionEnabled = builder.datePartitionEnabled;
    this.dateSequence = requireNonNull(builder.dateSequence, "dateSequence is null");
    this.dateDelimiter = requireNonNull(builder.dateDelimiter, "dateDelimiter is null");
    this.dateTimeZone = requireNonNull(builder.dateTimeZone, "dateTimeZone is null");
    this.taskStartTimeForFullLoad = builder.taskStartTimeForFullLoad;
    this.cdcMaxBatchInterval = requireNonNull(builder.cdcMaxBatchInterval, "interval is null");
    if (cdcInsertsOnly && cdcInsertsAndUpdates) {
      // DMS itself refuses this endpoint.
      throw new IllegalArgumentException(
          "cdc_inserts_only and cdc_inserts_and_updates cannot both be true");
    }
  }

  /**
   * The seed platform's endpoint ({@code modules/ingestion/main.tf}): GZIP Parquet 2.0, millisecond
   * timestamps, a string {@code _dms_timestamp}, Op in full loads, inserts and updates only (no
   * deletes), YYYY/MM/DD date folders under {@code raw}.
   */
  public static DmsEndpoint seed() {
    Builder builder = dmsDefaultsBuilder();
    builder.bucketFolder = "raw";
    builder.compression = Compression.GZIP;
    builder.parquetVersion2 = true;
    builder.timestampsInMilliseconds = true;
    builder.timestampColumnName = "_dms_timestamp";
    builder.includeOpForFullLoad = true;
    builder.cdcInsertsAndUpdates = true;
    builder.datePartitionEnabled = true;
    return builder.build();
  }

  /** What DMS writes when no setting is given (the S3Settings API's defaults). */
  public static DmsEndpoint dmsDefaults() {
    return dmsDefaultsBuilder().build();
  }

  static Builder dmsDefaultsBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.bucketFolder = bucketFolder;
    builder.compression = compression;
    builder.parquetVersion2 = parquetVersion2;
    builder.timestampsInMilliseconds = timestampsInMilliseconds;
    builder.timestampColumnName = timestampColumnName;
    builder.includeOpForFullLoad = includeOpForFullLoad;
    builder.cdcInsertsOnly = cdcInsertsOnly;
    builder.cdcInsertsAndUpdates = cdcInsertsAndUpdates;
    builder.datePartitionEnabled = datePartitionEnabled;
    builder.dateSequence = dateSequence;
    builder.dateDelimiter = dateDelimiter;
    builder.dateTimeZone = dateTimeZone;
    builder.taskStartTimeForFullLoad = taskStartTimeForFullLoad;
    builder.cdcMaxBatchInterval = cdcMaxBatchInterval;
    return builder;
  }

  /** BucketFolder: tables go to {@code <bucket>/<folder>/<schema>/<table>}; empty for none. */
  public String bucketFolder() {
    return bucketFolder;
  }

  /** TimestampColumnName, if the endpoint adds one. */
  public Optional<String> timestampColumn() {
    return timestampColumnName.isEmpty() ? Optional.empty() : Optional.of(timestampColumnName);
  }

  /** Whether CDC files carry deletes at all. */
  public boolean writesDeletes() {
    return !cdcInsertsOnly && !cdcInsertsAndUpdates;
  }

  /** Whether a change of this kind (I, U or D) reaches Bronze. */
  public boolean writes(char op) {
    if (op == 'I') {
      return true;
    }
    if (op == 'U') {
      return !cdcInsertsOnly;
    }
    return writesDeletes();
  }

  /**
   * Whether CDC files have an Op column. Per DMS's table of these settings, an endpoint that writes
   * only inserts, or only inserts and updates, writes Op only if IncludeOpForFullLoad is set.
   */
  public boolean cdcHasOp() {
    return writesDeletes() || includeOpForFullLoad;
  }

  public boolean fullLoadHasOp() {
    return includeOpForFullLoad;
  }

  /** UseTaskStartTimeForFullLoadTimestamp: stamp full-load rows with the task's start. */
  public boolean stampsFullLoadWithTaskStart() {
    return taskStartTimeForFullLoad;
  }

  /** The longest span of commit times one CDC file holds (CdcMaxBatchInterval). */
  public Duration cdcMaxBatchInterval() {
    return cdcMaxBatchInterval;
  }

  public DmsColumn.Kind timestampKind() {
    return timestampsInMilliseconds
        ? DmsColumn.Kind.TIMESTAMP_MILLIS
        : DmsColumn.Kind.TIMESTAMP_MICROS;
  }

  /** The date folder a CDC file committed at this time goes to, if date partitions are on. */
  Optional<String> dateFolderPattern() {
    return datePartitionEnabled
        ? Optional.of(dateSequence.pattern(dateDelimiter))
        : Optional.empty();
  }

  ZoneId dateTimeZone() {
    return dateTimeZone;
  }

  Compression compression() {
    return compression;
  }

  boolean parquetVersion2() {
    return parquetVersion2;
  }

  @Override
  public String toString() {
    return DmsEndpointSettings.describe(this);
  }

  /** Mutable while settings are applied one by one; {@link #build()} checks them together. */
  public static final class Builder {
    String bucketFolder = "";
    Compression compression = Compression.NONE;
    boolean parquetVersion2;
    boolean timestampsInMilliseconds;
    String timestampColumnName = "";
    boolean includeOpForFullLoad;
    boolean cdcInsertsOnly;
    boolean cdcInsertsAndUpdates;
    boolean datePartitionEnabled;
    DateSequence dateSequence = DateSequence.YYYYMMDD;
    DateDelimiter dateDelimiter = DateDelimiter.SLASH;
    ZoneId dateTimeZone = ZoneOffset.UTC;
    boolean taskStartTimeForFullLoad;
    Duration cdcMaxBatchInterval = Duration.ofSeconds(60);

    Builder() {}

    /** Applies one setting by its DMS name, e.g. {@code cdc_inserts_and_updates=false}. */
    public Builder set(String name, String value) {
      DmsEndpointSettings.apply(this, name, value);
      return this;
    }

    public DmsEndpoint build() {
      return new DmsEndpoint(this);
    }
  }
}
