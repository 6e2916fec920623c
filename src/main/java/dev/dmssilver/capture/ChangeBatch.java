package dev.dmssilver.capture;

import dev.dmssilver.dms.DmsChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of decoded transactions turned into DMS changes per table, in commit order and, inside
 * a transaction, in the order the changes were made. The change sequence is the commit's LSN and
 * the change's place in its transaction: the total order DMS's AR_H_CHANGE_SEQ gives.
 */
final class ChangeBatch {
  private final Map<String, SourceTable> tables;
  private final Map<SourceTable, List<DmsChange>> changes = new LinkedHashMap<>();
  private final Map<String, long[]> opsByTable = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Pending> transaction = new ArrayList<>();
  private String lastCommitLsn;
  private long skipped;

  ChangeBatch(Map<String, SourceTable> tablesByQualifiedName) {
    this.tables = tablesByQualifiedName;
  }

  /** Adds one record of peek's output; records arrive in WAL order. */
  void add(ReplicationSlot.Record record) {
    TestDecoding.Record decoded = TestDecoding.parse(record.data);
    switch (decoded.kind) {
      case BEGIN:
        transaction.clear();
        return;
      case CHANGE:
        addChange(decoded);
        return;
      case COMMIT:
        commit(record.lsn, SourceColumn.instantOf(decoded.text));
        return;
      default:
        if (decoded.table != null && tables.containsKey(decoded.table)) {
          warnings.add(
              "not written, as DMS writes no such record to S3 either: "
                  + decoded.text
                  + ". Silver keeps the rows it held; reload the table to drop them");
        }
    }
  }

  private void addChange(TestDecoding.Record decoded) {
    SourceTable table = tables.get(decoded.table);
    if (table == null) {
      skipped++;
      return;
    }
    Object[] values =
        decoded.op == 'D'
            ? values(table, decoded.oldTuple, null)
            : values(table, decoded.newTuple, decoded.oldTuple);
    transaction.add(new Pending(table, decoded.op, values));
  }

  /** A tuple's values in table order; a column missing from it (a key-only delete) is NULL. */
  private static Object[] values(
      SourceTable table, TestDecoding.Tuple tuple, TestDecoding.Tuple oldTuple) {
    Object[] values = new Object[table.columns().size()];
    for (int i = 0; i < tuple.names.size(); i++) {
      String name = tuple.names.get(i);
      int position = table.positionOf(name);
      if (position < 0) {
        throw new IllegalStateException(
            String.format(
                "Cannot capture %s: the stream has column %s, which the table did not have when"
                    + " the capture started. Schema changes are not captured: run the capture"
                    + " again with --reload",
                table.qualifiedName(), name));
      }
      String text = tuple.values.get(i);
      if (TestDecoding.UNCHANGED_TOAST.equals(text)) {
        text = unchangedValue(table, name, oldTuple);
      }
      values[position] = table.columns().get(position).parse(text);
    }
    return values;
  }

  /** An UPDATE that left a TOASTed value alone: REPLICA IDENTITY FULL's old row still has it. */
  private static String unchangedValue(
      SourceTable table, String column, TestDecoding.Tuple oldTuple) {
    int index = oldTuple == null ? -1 : oldTuple.names.indexOf(column);
    if (index < 0 || TestDecoding.UNCHANGED_TOAST.equals(oldTuple.values.get(index))) {
      throw new IllegalStateException(
          String.format(
              "Cannot capture %s: an UPDATE left column %s unchanged out of line (TOAST) and the"
                  + " change does not carry its value; set REPLICA IDENTITY FULL on the table",
              table.qualifiedName(), column));
    }
    return oldTuple.values.get(index);
  }

  private void commit(String lsn, Instant commitTime) {
    long commitLsn = ReplicationSlot.asNumber(lsn);
    for (int i = 0; i < transaction.size(); i++) {
      Pending pending = transaction.get(i);
      String sequence = changeSequence(commitLsn, i);
      changes
          .computeIfAbsent(pending.table, table -> new ArrayList<>())
          .add(new DmsChange(pending.op, commitTime, sequence, pending.values));
      long[] ops = opsByTable.computeIfAbsent(pending.table.qualifiedName(), name -> new long[3]);
      ops[pending.op == 'I' ? 0 : pending.op == 'U' ? 1 : 2]++;
    }
    transaction.clear();
    lastCommitLsn = lsn;
  }

  /** 20 digits of the commit's LSN and 15 of the change's place: 35, as AR_H_CHANGE_SEQ has. */
  private static String changeSequence(long commitLsn, int place) {
    StringBuilder digits = new StringBuilder(35);
    String lsn = Long.toUnsignedString(commitLsn);
    String index = Integer.toString(place);
    for (int i = lsn.length(); i < 20; i++) {
      digits.append('0');
    }
    digits.append(lsn);
    for (int i = index.length(); i < 15; i++) {
      digits.append('0');
    }
    return digits.append(index).toString();
  }

  /** Each table's changes, in commit order. */
  Map<SourceTable, List<DmsChange>> changes() {
    return changes;
  }

  /** Inserts, updates and deletes read, per table. */
  Map<String, long[]> opsByTable() {
    return opsByTable;
  }

  /** Where the slot may move to once this batch is written; null if it held no commit. */
  String lastCommitLsn() {
    return lastCommitLsn;
  }

  long changeCount() {
    long count = 0;
    for (List<DmsChange> tableChanges : changes.values()) {
      count += tableChanges.size();
    }
    return count;
  }

  /** Changes to tables that are not captured. */
  long skipped() {
    return skipped;
  }

  List<String> warnings() {
    return warnings;
  }

  private static final class Pending {
    final SourceTable table;
    final char op;
    final Object[] values;

    Pending(SourceTable table, char op, Object[] values) {
      this.table = table;
      this.op = op;
      this.values = values;
    }
  }
}
