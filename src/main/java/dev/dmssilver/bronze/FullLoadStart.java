package dev.dmssilver.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * When a table's full load started: the earliest commit timestamp among its LOAD files. DMS stamps
 * each full-load row with the time it transferred it (unless UseTaskStartTimeForFullLoadTimestamp
 * is set), so a change committed while the load ran can carry an earlier time than the stale row;
 * the rows of a full load therefore count as of its start. Read from the footers' statistics, or,
 * where a file has none, from that one column of the LOAD files.
 */
final class FullLoadStart {
  private FullLoadStart() {}

  static Optional<Instant> of(SparkSession spark, BronzeInventory inventory, String column) {
    List<String> paths = new ArrayList<>();
    Instant earliest = null;
    boolean fromFooters = true;
    for (BronzeFile file : inventory.files()) {
      if (!file.isFullLoad()) {
        continue;
      }
      if (!hasColumn(file, column)) {
        // The projection refuses this file, naming it; there is no start to tell.
        return Optional.empty();
      }
      paths.add(file.path());
      Optional<Instant> minimum = file.minimumOf(column);
      if (!minimum.isPresent()) {
        fromFooters = false;
      } else if (earliest == null || minimum.get().isBefore(earliest)) {
        earliest = minimum.get();
      }
    }
    if (paths.isEmpty() || fromFooters) {
      return Optional.ofNullable(earliest);
    }
    Row row =
        spark
            .read()
            .parquet(paths.toArray(new String[0]))
            .select(min(col(quoted(column)).cast(DataTypes.TimestampType)))
            .first();
    return row.isNullAt(0) ? Optional.empty() : Optional.of(((Timestamp) row.get(0)).toInstant());
  }

  private static boolean hasColumn(BronzeFile file, String column) {
    for (StructField field : file.schema().fields()) {
      if (field.name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
