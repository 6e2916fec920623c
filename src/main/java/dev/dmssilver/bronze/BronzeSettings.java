package dev.dmssilver.bronze;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.contract.BronzeSource;

/**
 * How the DMS S3 endpoint was configured: where it writes (the BucketFolder), the default source
 * schema, and the names of the commit-timestamp and change-sequence columns it adds.
 */
public final class BronzeSettings {
  public static final String SCHEMA_DEFAULT = "public";
  public static final String TIMESTAMP_COLUMN_DEFAULT = "_dms_timestamp";
  public static final String CHANGE_SEQUENCE_COLUMN_DEFAULT = "_dms_change_seq";

  private final String root;
  private final String schema;
  private final String timestampColumn;
  private final String changeSequenceColumn;

  public BronzeSettings(
      String root, String schema, String timestampColumn, String changeSequenceColumn) {
    this.root = stripTrailingSlash(requireNonNull(root, "root is null"));
    this.schema = requireNonNull(schema, "schema is null");
    this.timestampColumn = requireNonNull(timestampColumn, "timestampColumn is null");
    this.changeSequenceColumn =
        requireNonNull(changeSequenceColumn, "changeSequenceColumn is null");
  }

  public static BronzeSettings withDefaults(String root) {
    return new BronzeSettings(
        root, SCHEMA_DEFAULT, TIMESTAMP_COLUMN_DEFAULT, CHANGE_SEQUENCE_COLUMN_DEFAULT);
  }

  /** The DMS target folder, as given: a local path, {@code s3://} or {@code s3a://} URI. */
  public String root() {
    return root;
  }

  public String timestampColumn() {
    return timestampColumn;
  }

  public String changeSequenceColumn() {
    return changeSequenceColumn;
  }

  /** The folder DMS writes one source table to: {@code <root>/<schema>/<table>}. */
  public String tableFolder(BronzeSource source) {
    return root + "/" + source.schema().orElse(schema) + "/" + source.table();
  }

  private static String stripTrailingSlash(String uri) {
    String stripped = uri;
    while (stripped.length() > 1 && stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
