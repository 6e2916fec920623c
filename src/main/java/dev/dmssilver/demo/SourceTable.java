package dev.dmssilver.demo;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.dms.DmsColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A source PostgreSQL table as the demo models it: its columns in table order (key first) and the
 * schema changes it goes through, so generated Bronze drifts the way real DMS output does.
 */
final class SourceTable {
  private final String name;
  private final List<DmsColumn> columns;
  private final List<Drift> drifts;

  SourceTable(String name, List<DmsColumn> columns, List<Drift> drifts) {
    this.name = requireNonNull(name, "name is null");
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.drifts = Collections.unmodifiableList(new ArrayList<>(drifts));
  }

  String name() {
    return name;
  }

  int columnCount() {
    return columns.size();
  }

  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name + " has no column " + column);
  }

  /** The columns a file written at {@code time} has, with the indexes into full rows. */
  List<DmsColumn> columnsAt(Instant time) {
    List<DmsColumn> present = new ArrayList<>();
    for (DmsColumn column : columns) {
      DmsColumn atTime = columnAt(column, time);
      if (atTime != null) {
        present.add(atTime);
      }
    }
    return present;
  }

  /** Indexes into full rows of the columns present at {@code time}. */
  int[] indexesAt(Instant time) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columnAt(columns.get(i), time) != null) {
        indexes.add(i);
      }
    }
    int[] result = new int[indexes.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = indexes.get(i);
    }
    return result;
  }

  /** Whether {@code column} exists in the source at {@code time}. */
  boolean hasColumnAt(String column, Instant time) {
    return columnAt(columns.get(indexOf(column)), time) != null;
  }

  private DmsColumn columnAt(DmsColumn column, Instant time) {
    DmsColumn result = column;
    for (Drift drift : drifts) {
      if (!drift.column.equals(column.name())) {
        continue;
      }
      if (drift.kind == null && time.isBefore(drift.at)) {
        return null;
      }
      if (drift.kind != null && time.isBefore(drift.at)) {
        result = result.withKind(drift.kind);
      }
    }
    return result;
  }

  /**
   * A schema change at a point in time: a column added then (kind null), or a column whose type was
   * {@code kind} before then and its declared type after (an ALTER COLUMN ... TYPE).
   */
  static final class Drift {
    final String column;
    final Instant at;
    final DmsColumn.Kind kind;

    private Drift(String column, Instant at, DmsColumn.Kind kind) {
      this.column = column;
      this.at = at;
      this.kind = kind;
    }

    static Drift added(String column, Instant at) {
      return new Drift(column, at, null);
    }

    static Drift widened(String column, Instant at, DmsColumn.Kind kindBefore) {
      return new Drift(column, at, kindBefore);
    }
  }
}
