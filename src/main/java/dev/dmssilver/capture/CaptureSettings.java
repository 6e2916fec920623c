package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.dms.DmsEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What one capture reads, and how it writes it: the source, the slot, and the DMS target. */
public final class CaptureSettings {
  public static final String SLOT_DEFAULT = "dms_silver";
  public static final String SCHEMA_DEFAULT = "public";
  public static final int BATCH_CHANGES_DEFAULT = 100_000;

  private final String jdbcUrl;
  private final String bucket;
  private final DmsEndpoint endpoint;
  private final Optional<String> changeSequenceColumn;
  private final String slot;
  private final List<String> schemas;
  private final List<String> tables;
  private final boolean reload;
  private final int batchChanges;

  /**
   * @param jdbcUrl the source database, e.g. {@code jdbc:postgresql://host/db?user=u}
   * @param bucket a local folder or {@code s3://} URI standing for the S3 target's bucket
   * @param tables the tables to capture (name or schema.name); empty for every table of {@code
   *     schemas}
   * @param reload take a new full load through a new slot, as a task restarted with reload-target
   */
  public CaptureSettings(
      String jdbcUrl,
      String bucket,
      DmsEndpoint endpoint,
      Optional<String> changeSequenceColumn,
      String slot,
      List<String> schemas,
      List<String> tables,
      boolean reload,
      int batchChanges) {
    this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
    this.bucket = requireNonNull(bucket, "bucket is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.changeSequenceColumn = requireNonNull(changeSequenceColumn, "column is null");
    this.slot = requireNonNull(slot, "slot is null");
    this.schemas = Collections.unmodifiableList(new ArrayList<>(schemas));
    this.tables = Collections.unmodifiableList(new ArrayList<>(tables));
    this.reload = reload;
    this.batchChanges = batchChanges;
    if (!slot.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException(
          "slot name '" + slot + "' must be 1 to 63 lower-case letters, digits or underscores");
    }
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("at least one schema is needed");
    }
    if (batchChanges < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchChanges);
    }
  }

  /** The seed's endpoint, the default slot and schema, every table, no reload. */
  public static CaptureSettings of(String jdbcUrl, String bucket, DmsEndpoint endpoint) {
    return new CaptureSettings(
        jdbcUrl,
        bucket,
        endpoint,
        Optional.empty(),
        SLOT_DEFAULT,
        Collections.singletonList(SCHEMA_DEFAULT),
        Collections.<String>emptyList(),
        false,
        BATCH_CHANGES_DEFAULT);
  }

  public CaptureSettings withReload() {
    return new CaptureSettings(
        jdbcUrl, bucket, endpoint, changeSequenceColumn, slot, schemas, tables, true, batchChanges);
  }

  public CaptureSettings withSlot(String newSlot) {
    return new CaptureSettings(
        jdbcUrl,
        bucket,
        endpoint,
        changeSequenceColumn,
        newSlot,
        schemas,
        tables,
        reload,
        batchChanges);
  }

  public CaptureSettings withBatchChanges(int changes) {
    return new CaptureSettings(
        jdbcUrl, bucket, endpoint, changeSequenceColumn, slot, schemas, tables, reload, changes);
  }

  public CaptureSettings withChangeSequenceColumn(String column) {
    return new CaptureSettings(
        jdbcUrl,
        bucket,
        endpoint,
        Optional.of(column),
        slot,
        schemas,
        tables,
        reload,
        batchChanges);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String bucket() {
    return bucket;
  }

  public DmsEndpoint endpoint() {
    return endpoint;
  }

  public Optional<String> changeSequenceColumn() {
    return changeSequenceColumn;
  }

  public String slot() {
    return slot;
  }

  public List<String> schemas() {
    return schemas;
  }

  public List<String> tables() {
    return tables;
  }

  public boolean reload() {
    return reload;
  }

  public int batchChanges() {
    return batchChanges;
  }
}
