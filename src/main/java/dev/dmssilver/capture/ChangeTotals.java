package dev.dmssilver.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The changes a capture read and wrote over all its batches. */
final class ChangeTotals {
  final Map<String, long[]> read = new LinkedHashMap<>();
  final Map<String, Long> written = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();
  long skipped;
  String toLsn;

  void add(ChangeBatch batch) {
    batch
        .opsByTable()
        .forEach(
            (table, ops) -> {
              long[] total = read.computeIfAbsent(table, name -> new long[3]);
              for (int i = 0; i < ops.length; i++) {
                total[i] += ops[i];
              }
            });
    skipped += batch.skipped();
    warnings.addAll(batch.warnings());
  }

  /** What the endpoint left out of Bronze on purpose, in words. */
  List<String> unwrittenWarnings(CaptureSettings settings) {
    long updates = 0;
    long deletes = 0;
    for (long[] ops : read.values()) {
      updates += ops[1];
      deletes += ops[2];
    }
    List<String> unwritten = new ArrayList<>();
    if (deletes > 0 && !settings.endpoint().writes('D')) {
      unwritten.add(
          String.format(
              "%,d deletes were read but not written, as DMS does with cdc_inserts_only or"
                  + " cdc_inserts_and_updates: Silver keeps those rows' last images",
              deletes));
    }
    if (updates > 0 && !settings.endpoint().writes('U')) {
      unwritten.add(
          String.format(
              "%,d updates were read but not written (cdc_inserts_only): Silver shows those rows"
                  + " as inserted",
              updates));
    }
    return unwritten;
  }
}
