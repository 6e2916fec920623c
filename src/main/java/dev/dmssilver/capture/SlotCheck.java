package dev.dmssilver.capture;

import dev.dmssilver.SilverException;

/** Refuses a slot this capture cannot read, saying what to do. */
final class SlotCheck {
  private SlotCheck() {}

  static void usable(ReplicationSlot.State state, String slot) {
    if (state.active) {
      throw refused(
          String.format(
              "replication slot %s is in use by server process %s (another capture, or a DMS"
                  + " task?). Stop that consumer, or capture through another --slot",
              slot, state.activePid));
    }
    if (!ReplicationSlot.PLUGIN.equals(state.plugin)) {
      throw refused(
          String.format(
              "replication slot %s decodes with %s; this capture reads %s, as DMS does. Use"
                  + " another --slot",
              slot,
              state.plugin == null ? "no plugin (a physical slot)" : state.plugin,
              ReplicationSlot.PLUGIN));
    }
    if (!state.currentDatabase.equals(state.database)) {
      throw refused(
          String.format(
              "replication slot %s belongs to database %s, not %s. Connect to %s, or use another"
                  + " --slot",
              slot, state.database, state.currentDatabase, state.database));
    }
    if ("lost".equals(state.walStatus)) {
      throw refused(
          String.format(
              "replication slot %s has lost WAL it needed (wal_status = lost): changes are"
                  + " missing. Run again with --reload to take a new full load",
              slot));
    }
  }

  private static SilverException refused(String why) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION, "Cannot capture: " + why + ". Nothing was written");
  }
}
