package dev.dmssilver.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import dev.dmssilver.bronze.BronzeReader;
import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.PartitionField;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRunner;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.quality.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/** One way of turning a Bronze table into something, timed side by side with the others. */
public enum BenchVariant {
  /** Read every event into a sink that discards it: the cost of reading Bronze. */
  SCAN_FLOOR("scan floor", "scan") {
    @Override
    void run(SparkSession spark, RunSettings settings, Contract contract) {
      BronzeReader.read(spark, contract, settings.bronze())
          .events()
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
    }
  },
  /** Read every event and write it unchanged to an Iceberg table partitioned like Silver. */
  COPY_FLOOR("copy floor", "copy") {
    @Override
    void run(SparkSession spark, RunSettings settings, Contract contract) {
      Dataset<Row> events = BronzeReader.read(spark, contract, settings.bronze()).events();
      replace(
          events, benchTable(spark, settings, "copy_" + contract.table()), contract.partition());
    }
  },
  /** The Silver job itself, as bin/silver run runs it: resolve, validate, gate, publish. */
  SILVER_JOB("silver job", "silver") {
    @Override
    void run(SparkSession spark, RunSettings settings, Contract contract) {
      JobResult result = new JobRunner(spark, settings).run(contract);
      if (!result.succeeded()) {
        throw new IllegalStateException(
            "The Silver job did not publish: " + result.failure().map(Throwable::getMessage));
      }
    }
  },
  /**
   * The old PySpark jobs' algorithm on the same engine: a max-timestamp scan, row_number over the
   * string timestamp, cached validation, separate Silver and quarantine writes, and a count, over
   * the Bronze columns the old jobs read and no more. Both writes take the other variants' write
   * path ({@link #replace}), so the comparison is of the algorithms, not of two ways to write a
   * table.
   */
  OLD_ALGORITHM("old algorithm", "old") {
    @Override
    void run(SparkSession spark, RunSettings settings, Contract contract) {
      // Only what the old jobs read: the columns, Op and the commit timestamp. The columns this
      // project adds to order ties (file, split, position, change sequence) are not carried.
      Dataset<Row> events =
          BronzeReader.read(spark, contract, settings.bronze())
              .events()
              .drop(
                  EventColumns.CHANGE_SEQUENCE,
                  EventColumns.FROM_CDC,
                  EventColumns.FILE,
                  EventColumns.BLOCK_START,
                  EventColumns.POSITION);
      events.agg(max(col(EventColumns.COMMIT_TIMESTAMP_TEXT))).collectAsList();
      List<Column> keys = new ArrayList<>();
      for (String key : contract.key()) {
        keys.add(col(key));
      }
      Dataset<Row> latest =
          events
              .withColumn(
                  "_rn",
                  row_number()
                      .over(
                          Window.partitionBy(keys.toArray(new Column[0]))
                              .orderBy(col(EventColumns.COMMIT_TIMESTAMP_TEXT).desc())))
              .where(col("_rn").equalTo(1).and(col(EventColumns.OP).notEqual("D")));
      Dataset<Row> validated =
          Validation.of(contract, Instant.now())
              .apply(latest)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        List<Column> silverColumns = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
          silverColumns.add(col(column.name()));
        }
        Dataset<Row> silver =
            validated.where(Validation.isValid()).select(silverColumns.toArray(new Column[0]));
        replace(
            silver, benchTable(spark, settings, "old_" + contract.table()), contract.partition());
        replace(
            validated.where(Validation.isQuarantined()),
            benchTable(spark, settings, "old_quarantine_" + contract.table()),
            Optional.empty());
        silver.count();
      } finally {
        validated.unpersist();
      }
    }
  };

  /** Scala varargs seen from Java: the rest of partitionedBy's columns, none. */
  private static final scala.collection.Seq<Column> NO_MORE_COLUMNS =
      scala.collection.JavaConverters.asScalaBuffer(new ArrayList<Column>());

  private final String label;
  private final String shortName;

  BenchVariant(String label, String shortName) {
    this.label = label;
    this.shortName = shortName;
  }

  public String label() {
    return label;
  }

  /** The name {@code bench --variants} takes. */
  public String shortName() {
    return shortName;
  }

  public static BenchVariant byShortName(String name) {
    for (BenchVariant variant : values()) {
      if (variant.shortName.equals(name)) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        "No benchmark variant " + name + "; expected scan, copy, silver or old");
  }

  abstract void run(SparkSession spark, RunSettings settings, Contract contract);

  private static String benchTable(SparkSession spark, RunSettings settings, String table) {
    String namespace = settings.catalog().catalogName() + ".bench";
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + namespace);
    return namespace + "." + table;
  }

  /**
   * Creates {@code table} empty, then overwrites it: the write path the Silver job takes, with
   * Iceberg's write distribution (a CREATE TABLE AS SELECT in Spark 3.3 skips it). The table is
   * partitioned like a Silver table whose contract has {@code partition}; unpartitioned if empty.
   */
  private static void replace(Dataset<Row> rows, String table, Optional<PartitionField> partition) {
    partitioned(
            rows.limit(0).writeTo(table).using("iceberg").tableProperty("format-version", "2"),
            partition)
        .createOrReplace();
    try {
      rows.writeTo(table).overwrite(functions.lit(true));
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot find " + table + ", just created", e);
    }
  }

  private static CreateTableWriter<Row> partitioned(
      CreateTableWriter<Row> creating, Optional<PartitionField> partition) {
    if (!partition.isPresent()) {
      return creating;
    }
    return creating.partitionedBy(partition.get().sparkTransform(), NO_MORE_COLUMNS);
  }
}
