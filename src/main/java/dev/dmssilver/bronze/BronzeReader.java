package dev.dmssilver.bronze;

import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one Bronze table as events. Files are grouped by footer schema and by kind (full load or
 * CDC); each group is one Parquet scan with its own casts, and the groups are unioned. The result
 * is a lazy plan: Bronze is read once, when the job's single action runs.
 */
public final class BronzeReader {
  private BronzeReader() {}

  /**
   * Lists the contract's Bronze folder, reads its footers, and plans the read of its events: the
   * one way the jobs and the benchmark read Bronze.
   */
  public static BronzeEvents read(SparkSession spark, Contract contract, BronzeSettings settings) {
    BronzeInventory inventory =
        BronzeDiscovery.discover(
            spark, contract.bronze().table(), settings.tableFolder(contract.bronze()));
    return read(spark, inventory, contract.columns(), contract.key(), settings);
  }

  /**
   * Plans the read of some of a table's files, given when its full load started: an incremental run
   * reads only its new CDC files, whose events still count as before or after that start.
   */
  public static BronzeEvents readSome(
      SparkSession spark,
      Contract contract,
      BronzeSettings settings,
      BronzeInventory someFiles,
      Optional<Instant> fullLoadStart) {
    return read(spark, someFiles, contract.columns(), contract.key(), settings, fullLoadStart);
  }

  static BronzeEvents read(
      SparkSession spark,
      BronzeInventory inventory,
      List<ColumnSpec> columns,
      Collection<String> keyColumns,
      BronzeSettings settings) {
    return read(
        spark,
        inventory,
        columns,
        keyColumns,
        settings,
        FullLoadStart.of(spark, inventory, settings.timestampColumn()));
  }

  private static BronzeEvents read(
      SparkSession spark,
      BronzeInventory inventory,
      List<ColumnSpec> columns,
      Collection<String> keyColumns,
      BronzeSettings settings,
      Optional<Instant> fullLoadStart) {
    Map<FileGroup, List<String>> groups = groupsOf(inventory);
    Dataset<Row> events = null;
    Set<String> ignoredColumns = new TreeSet<>();
    for (Map.Entry<FileGroup, List<String>> group : groups.entrySet()) {
      List<String> paths = group.getValue();
      EventProjection projection =
          EventProjection.of(
              inventory.bronzeTable(),
              columns,
              keyColumns,
              settings,
              group.getKey().schema,
              paths.get(0),
              group.getKey().fullLoad,
              fullLoadStart);
      ignoredColumns.addAll(projection.ignoredColumns());
      Dataset<Row> groupEvents =
          spark
              .read()
              .schema(group.getKey().schema)
              // Date folders (2024/01/15) are not partitions: never infer partition columns.
              .option("recursiveFileLookup", "true")
              .parquet(paths.toArray(new String[0]))
              .select(projection.columns().toArray(new Column[0]));
      events = events == null ? groupEvents : events.unionByName(groupEvents);
    }
    return new BronzeEvents(events, inventory, ignoredColumns, fullLoadStart);
  }

  /** The inventory's files by footer schema and kind, in the order first met. */
  private static Map<FileGroup, List<String>> groupsOf(BronzeInventory inventory) {
    Map<FileGroup, List<String>> groups = new LinkedHashMap<>();
    for (BronzeFile file : inventory.files()) {
      groups
          .computeIfAbsent(
              new FileGroup(file.schema(), file.isFullLoad()), group -> new ArrayList<>())
          .add(file.path());
    }
    return groups;
  }

  private static final class FileGroup {
    final StructType schema;
    final boolean fullLoad;

    FileGroup(StructType schema, boolean fullLoad) {
      this.schema = schema;
      this.fullLoad = fullLoad;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof FileGroup)) {
        return false;
      }
      FileGroup that = (FileGroup) other;
      return fullLoad == that.fullLoad && schema.equals(that.schema);
    }

    @Override
    public int hashCode() {
      return Objects.hash(schema, fullLoad);
    }
  }
}
