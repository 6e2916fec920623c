package dev.dmssilver.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.dmssilver.SilverException;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.SqlIdentifier;
import dev.dmssilver.contract.TypeWidening;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How to turn rows of one Bronze file schema into events: the contract's columns cast to their
 * Silver types, plus the event columns that order them. Built and checked from the footer schema
 * alone, so an incompatible file stops the job before any data is read.
 */
public final class EventProjection {
  /** The width of DMS's AR_H_CHANGE_SEQ. */
  static final int CHANGE_SEQUENCE_DIGITS = 35;

  /** "yyyy-MM-dd HH:mm:ss" up to "yyyy-MM-dd HH:mm:ss.SSSSSS". */
  private static final int MIN_TIMESTAMP_LENGTH = 19;

  private static final int MAX_TIMESTAMP_LENGTH = 26;

  private final List<Column> columns;
  private final Set<String> ignoredColumns;

  private EventProjection(List<Column> columns, Set<String> ignoredColumns) {
    this.columns = Collections.unmodifiableList(columns);
    this.ignoredColumns = Collections.unmodifiableSet(ignoredColumns);
  }

  /**
   * Checks {@code fileSchema} against the contract's Bronze columns and builds the projection.
   *
   * @param exampleFile a file with this schema, named in errors
   */
  public static EventProjection of(
      String bronzeTable,
      List<ColumnSpec> contractColumns,
      Collection<String> keyColumns,
      BronzeSettings settings,
      StructType fileSchema,
      String exampleFile,
      boolean fullLoad,
      Optional<Instant> fullLoadStart) {
    FieldLookup fields = new FieldLookup(bronzeTable, fileSchema, exampleFile);
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : contractColumns) {
      columns.add(contractColumn(bronzeTable, column, keyColumns, fields, exampleFile));
    }
    columns.add(opColumn(bronzeTable, fields, exampleFile));
    List<Column> stamp = commitTimestampColumns(bronzeTable, settings, fields, exampleFile);
    Column committed = stamp.get(1);
    columns.add(stamp.get(0));
    if (fullLoad && fullLoadStart.isPresent()) {
      // A full load's rows hold the table as of the load's start, whatever time each was
      // transferred at: every change committed from that start on must win over them.
      columns.add(
          when(committed.isNotNull(), lit(Timestamp.from(fullLoadStart.get())))
              .as(EventColumns.COMMIT_TIMESTAMP));
    } else {
      columns.add(committed.as(EventColumns.COMMIT_TIMESTAMP));
    }
    columns.add(changeSequenceColumn(settings, fields));
    columns.add(lit(!fullLoad).as(EventColumns.FROM_CDC));
    columns.add(
        fullLoad || !fullLoadStart.isPresent()
            ? lit(false).as(EventColumns.BEFORE_FULL_LOAD)
            : committed
                .lt(lit(Timestamp.from(fullLoadStart.get())))
                .as(EventColumns.BEFORE_FULL_LOAD));
    columns.add(expr("input_file_name()").as(EventColumns.FILE));
    columns.add(expr("input_file_block_start()").as(EventColumns.BLOCK_START));
    // Must be evaluated right above the scan: within one split it follows the file's row order.
    columns.add(monotonically_increasing_id().as(EventColumns.POSITION));
    return new EventProjection(columns, fields.unused());
  }

  private static Column contractColumn(
      String bronzeTable,
      ColumnSpec column,
      Collection<String> keyColumns,
      FieldLookup fields,
      String exampleFile) {
    DataType delivered = column.sourceType().sparkType();
    DataType stored = column.type().sparkType();
    StructField field = fields.take(column.name());
    if (field == null) {
      if (keyColumns.contains(column.name())) {
        throw new SilverException(
            SilverException.Kind.BRONZE_INPUT,
            String.format(
                "Cannot read Bronze table %s: key column %s is missing from %s",
                bronzeTable, column.name(), exampleFile));
      }
      // Columns added to the source later are absent from older files: they read as NULL.
      return lit(null).cast(stored).as(column.name());
    }
    if (!TypeWidening.isSafe(field.dataType(), delivered)) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: column %s is %s in %s, expected %s",
              bronzeTable,
              column.name(),
              field.dataType().simpleString(),
              exampleFile,
              delivered.simpleString()));
    }
    // The contract's widening or conversion to the Silver type, if any, is applied here, once.
    return fieldColumn(field).cast(delivered).cast(stored).as(column.name());
  }

  private static Column opColumn(String bronzeTable, FieldLookup fields, String exampleFile) {
    StructField op = fields.take(EventColumns.DMS_OP);
    if (op == null) {
      // Full-load files carry no Op unless the endpoint sets IncludeOpForFullLoad: an insert.
      return lit("I").as(EventColumns.OP);
    }
    if (!op.dataType().equals(DataTypes.StringType)) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: column Op is %s in %s, expected string",
              bronzeTable, op.dataType().simpleString(), exampleFile));
    }
    return fieldColumn(op).as(EventColumns.OP);
  }

  /** The commit timestamp's text (aliased) and its value (not aliased), as the file has it. */
  private static List<Column> commitTimestampColumns(
      String bronzeTable, BronzeSettings settings, FieldLookup fields, String exampleFile) {
    StructField field = fields.take(settings.timestampColumn());
    if (field == null) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: %s has no commit-timestamp column %s (columns: %s)."
                  + " Set --timestamp-column to the endpoint's TimestampColumnName",
              bronzeTable, exampleFile, settings.timestampColumn(), fields.allNames()));
    }
    Column value = fieldColumn(field);
    List<Column> columns = new ArrayList<>();
    if (field.dataType().equals(DataTypes.StringType)) {
      columns.add(value.as(EventColumns.COMMIT_TIMESTAMP_TEXT));
      // Spark's own string-to-timestamp cast reads DMS's "yyyy-MM-dd HH:mm:ss.SSSSSS" several
      // times faster than a pattern parser (which took an eighth of a job's CPU). The length
      // check refuses the shorter shapes the cast would also take, such as a bare date.
      columns.add(
          when(
              octet_length(value).between(MIN_TIMESTAMP_LENGTH, MAX_TIMESTAMP_LENGTH),
              value.cast(DataTypes.TimestampType)));
      return columns;
    }
    if (field.dataType().equals(DataTypes.TimestampType)) {
      columns.add(value.cast(DataTypes.StringType).as(EventColumns.COMMIT_TIMESTAMP_TEXT));
      columns.add(value);
      return columns;
    }
    throw new SilverException(
        SilverException.Kind.BRONZE_INPUT,
        String.format(
            "Cannot read Bronze table %s: commit-timestamp column %s is %s in %s, expected a"
                + " string formatted %s",
            bronzeTable,
            settings.timestampColumn(),
            field.dataType().simpleString(),
            exampleFile,
            EventColumns.COMMIT_TIMESTAMP_FORMAT));
  }

  /**
   * AR_H_CHANGE_SEQ as text of one width, so that comparing the text compares the numbers, without
   * a 38-digit decimal per event to build and compare (a twelfth of a job's CPU). DMS writes it as
   * {@value #CHANGE_SEQUENCE_DIGITS} zero-padded digits, kept as written; shorter values (a
   * transformation rule's, or a numeric column) are padded the same way. It is empty during a full
   * load, which sorts lowest, like an absent one.
   */
  private static Column changeSequenceColumn(BronzeSettings settings, FieldLookup fields) {
    StructField field = fields.take(settings.changeSequenceColumn());
    if (field == null) {
      return lit(null).cast(DataTypes.StringType).as(EventColumns.CHANGE_SEQUENCE);
    }
    Column digits = trim(fieldColumn(field).cast(DataTypes.StringType));
    // octet_length is a field read; length() would count characters on every event.
    return when(digits.equalTo(""), lit(null))
        .when(
            octet_length(digits).lt(CHANGE_SEQUENCE_DIGITS),
            lpad(digits, CHANGE_SEQUENCE_DIGITS, "0"))
        .otherwise(digits)
        .as(EventColumns.CHANGE_SEQUENCE);
  }

  private static Column fieldColumn(StructField field) {
    return col(SqlIdentifier.quoted(field.name().replace("`", "``")));
  }

  /** The select list: contract columns in contract order, then the event columns. */
  public List<Column> columns() {
    return columns;
  }

  /** File columns the contract does not use (schema drift), reported but never read. */
  public Set<String> ignoredColumns() {
    return ignoredColumns;
  }

  /** Finds a file's fields by name, ignoring case as Spark does, and tracks which went unused. */
  private static final class FieldLookup {
    private final Map<String, StructField> byLowerName = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final StructType schema;

    FieldLookup(String bronzeTable, StructType schema, String exampleFile) {
      this.schema = schema;
      for (StructField field : schema.fields()) {
        String lower = field.name().toLowerCase(Locale.ROOT);
        if (byLowerName.put(lower, field) != null) {
          throw new SilverException(
              SilverException.Kind.BRONZE_INPUT,
              String.format(
                  "Cannot read Bronze table %s: %s has two columns named %s (ignoring case)",
                  bronzeTable, exampleFile, field.name()));
        }
      }
    }

    StructField take(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      StructField field = byLowerName.get(lower);
      if (field != null) {
        taken.add(lower);
      }
      return field;
    }

    Set<String> unused() {
      Set<String> unused = new TreeSet<>();
      for (StructField field : schema.fields()) {
        if (!taken.contains(field.name().toLowerCase(Locale.ROOT))) {
          unused.add(field.name());
        }
      }
      return unused;
    }

    List<String> allNames() {
      List<String> names = new ArrayList<>();
      for (StructField field : schema.fields()) {
        names.add(field.name());
      }
      return names;
    }
  }
}
