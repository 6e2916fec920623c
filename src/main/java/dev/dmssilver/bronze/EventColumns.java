package dev.dmssilver.bronze;

/**
 * Names of the columns every Bronze event carries besides the contract's own. They start with an
 * underscore and a prefix no PostgreSQL column of ours uses, so they can never collide.
 */
public final class EventColumns {
  /** DMS's operation column: I, U or D. Absent from full-load files unless IncludeOpForFullLoad. */
  public static final String DMS_OP = "Op";

  /** The commit timestamp's text format, microseconds; fewer fraction digits also parse. */
  public static final String COMMIT_TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss[.SSSSSS]";

  public static final String OP = "_event_op";
  public static final String COMMIT_TIMESTAMP_TEXT = "_event_commit_timestamp_text";
  public static final String COMMIT_TIMESTAMP = "_event_commit_timestamp";
  public static final String CHANGE_SEQUENCE = "_event_change_sequence";
  public static final String FROM_CDC = "_event_from_cdc";

  /**
   * True for a CDC event committed before the table's full load started. If such an event is a
   * key's latest, the key was not in the full load: it was deleted before the load.
   */
  public static final String BEFORE_FULL_LOAD = "_event_before_full_load";

  public static final String FILE = "_event_file";

  /** Byte offset of the split the row was read from; splits of one file keep file order. */
  public static final String BLOCK_START = "_event_block_start";

  /** Increases with the row's position inside its split. Only comparable within one split. */
  public static final String POSITION = "_event_position";

  /**
   * True for a key's latest event as an incremental run's state kept it: it takes part in the
   * ordering like any event, but was counted when it was first read.
   */
  public static final String FROM_STATE = "_event_from_state";

  private EventColumns() {}
}
