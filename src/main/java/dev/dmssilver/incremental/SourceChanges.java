package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** New latest events of some keys of one entity, with the key that identifies them. */
final class SourceChanges {
  final Dataset<Row> rows;
  final List<String> key;

  SourceChanges(Dataset<Row> rows, List<String> key) {
    this.rows = requireNonNull(rows, "rows is null");
    this.key = Collections.unmodifiableList(new ArrayList<>(key));
  }
}
