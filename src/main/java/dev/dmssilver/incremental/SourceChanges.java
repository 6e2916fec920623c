package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * New latest events of some keys of one entity, with the key that identifies them and the box
 * around those keys (which narrows the MERGE's search of its target).
 */
final class SourceChanges {
  final Dataset<Row> rows;
  final List<String> key;
  final KeyRange range;

  /** {@code range}: the range of {@code rows}' keys, drawn beforehand. */
  SourceChanges(Dataset<Row> rows, List<String> key, KeyRange range) {
    this.rows = requireNonNull(rows, "rows is null");
    this.key = Collections.unmodifiableList(new ArrayList<>(key));
    this.range = requireNonNull(range, "range is null");
  }

  /** The changes {@code rows}, measured once (rows should be cheap to read again). */
  static SourceChanges of(Dataset<Row> rows, List<String> key) {
    return new SourceChanges(rows, key, KeyRange.of(rows, key));
  }
}
