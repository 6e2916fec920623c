package dev.dmssilver.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The source database of the demo shop: the live rows of every table. Each change goes through
 * here, which updates the rows and, while capturing, hands DMS a copy of the change.
 */
final class ShopState {
  private final Map<SourceTable, LinkedHashMap<Long, Object[]>> rows = new HashMap<>();
  private final List<ChangeEvent> captured = new ArrayList<>();
  private boolean capturing;
  private long sequence;

  ShopState(Collection<SourceTable> tables) {
    for (SourceTable table : tables) {
      rows.put(table, new LinkedHashMap<>());
    }
  }

  /** From now on, changes are captured (CDC is running); before, only the rows change. */
  void startCapturing() {
    capturing = true;
  }

  /** Hands over and forgets the changes captured so far. */
  List<ChangeEvent> drainCaptured() {
    List<ChangeEvent> drained = new ArrayList<>(captured);
    captured.clear();
    return drained;
  }

  /** The changes captured so far, without draining them. */
  List<ChangeEvent> captured() {
    return captured;
  }

  Collection<Object[]> liveRows(SourceTable table) {
    return rows.get(table).values();
  }

  Object[] row(SourceTable table, long key) {
    return rows.get(table).get(key);
  }

  boolean isLive(SourceTable table, long key) {
    return rows.get(table).containsKey(key);
  }

  void insert(SourceTable table, Instant at, Object[] row) {
    row[table.indexOf("updated_at")] = at.truncatedTo(ChronoUnit.MILLIS);
    rows.get(table).put(keyOf(row), row);
    capture(table, 'I', at, row.clone());
  }

  /** Applies {@code change} to a copy of the live row; no-op if the row is gone. */
  void update(SourceTable table, Instant at, long key, Consumer<Object[]> change) {
    Object[] current = rows.get(table).get(key);
    if (current == null) {
      return;
    }
    Object[] updated = current.clone();
    change.accept(updated);
    updated[table.indexOf("updated_at")] = at.truncatedTo(ChronoUnit.MILLIS);
    rows.get(table).put(key, updated);
    capture(table, 'U', at, updated.clone());
  }

  /**
   * Deletes the row. The source tables use REPLICA IDENTITY FULL, so the change carries the whole
   * row as it was before the delete.
   */
  void delete(SourceTable table, Instant at, long key) {
    Object[] removed = rows.get(table).remove(key);
    if (removed == null) {
      return;
    }
    capture(table, 'D', at, removed.clone());
  }

  private void capture(SourceTable table, char op, Instant at, Object[] row) {
    sequence++;
    if (capturing) {
      captured.add(new ChangeEvent(table, op, at, sequence, row));
    }
  }

  private static long keyOf(Object[] row) {
    return ((Number) row[0]).longValue();
  }
}
