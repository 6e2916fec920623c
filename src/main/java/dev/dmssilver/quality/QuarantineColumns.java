package dev.dmssilver.quality;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quarantine table's columns, spelled once: the table's schema, the select list that builds its
 * rows and {@code diff}'s key columns all come from here.
 */
public final class QuarantineColumns {
  public static final String TABLE_NAME = "table_name";
  public static final String RECORD_KEY = "record_key";
  public static final String REASONS = "reasons";
  public static final String RECORD = "record";
  public static final String SOURCE_OP = "source_op";
  public static final String SOURCE_COMMIT_TIMESTAMP = "source_commit_timestamp";
  public static final String SOURCE_FILE = "source_file";
  public static final String RUN_ID = "run_id";
  public static final String QUARANTINED_AT = "quarantined_at";

  /** A quarantined row is known by its Silver table and its key. */
  public static final List<String> KEY =
      Collections.unmodifiableList(Arrays.asList(TABLE_NAME, RECORD_KEY));

  /** The table's schema, in table order. */
  public static final StructType SCHEMA =
      new StructType()
          .add(TABLE_NAME, DataTypes.StringType)
          .add(RECORD_KEY, DataTypes.StringType)
          .add(REASONS, DataTypes.createArrayType(DataTypes.StringType))
          .add(RECORD, DataTypes.StringType)
          .add(SOURCE_OP, DataTypes.StringType)
          .add(SOURCE_COMMIT_TIMESTAMP, DataTypes.TimestampType)
          .add(SOURCE_FILE, DataTypes.StringType)
          .add(RUN_ID, DataTypes.StringType)
          .add(QUARANTINED_AT, DataTypes.TimestampType);

  private QuarantineColumns() {}
}
