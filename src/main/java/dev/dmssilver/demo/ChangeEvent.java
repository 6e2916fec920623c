package dev.dmssilver.demo;

import java.time.Instant;

/** One row change as DMS captures it: the table, I/U/D, commit time, sequence and the row. */
final class ChangeEvent {
  final SourceTable table;
  final char op;
  final Instant commitTime;
  final long sequence;
  final Object[] row;

  ChangeEvent(SourceTable table, char op, Instant commitTime, long sequence, Object[] row) {
    this.table = table;
    this.op = op;
    this.commitTime = commitTime;
    this.sequence = sequence;
    this.row = row;
  }
}
