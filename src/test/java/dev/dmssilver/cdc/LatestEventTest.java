package dev.dmssilver.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.EventColumns;
import dev.dmssilver.testing.TestSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The CDC ordering rules, on inline events: the transform never sees a file. */
class LatestEventTest {
  private static final StructType EVENTS =
      new StructType()
          .add("region", DataTypes.StringType)
          .add("order_id", DataTypes.LongType)
          .add("status", DataTypes.StringType)
          .add("note", DataTypes.StringType)
          .add(EventColumns.OP, DataTypes.StringType)
          .add(EventColumns.COMMIT_TIMESTAMP_TEXT, DataTypes.StringType)
          .add(EventColumns.COMMIT_TIMESTAMP, DataTypes.TimestampType)
          .add(EventColumns.CHANGE_SEQUENCE, DataTypes.StringType)
          .add(EventColumns.FROM_CDC, DataTypes.BooleanType)
          .add(EventColumns.FILE, DataTypes.StringType)
          .add(EventColumns.BLOCK_START, DataTypes.LongType)
          .add(EventColumns.POSITION, DataTypes.LongType);

  private static final String T1 = "2024-01-15 10:00:00.000001";
  private static final String T2 = "2024-01-15 10:00:00.000002";
  private static final String CDC_FILE =
      "s3://b/raw/public/orders/2024/01/15/20240115-100100000.parquet";
  private static final String LATER_CDC_FILE =
      "s3://b/raw/public/orders/2024/01/15/20240115-100200000.parquet";
  private static final String LOAD_FILE = "s3://b/raw/public/orders/LOAD00000001.parquet";

  @Test
  void theLaterCommitTimestampWins() {
    assertThat(
            current(
                event(1, "pending").at(T2).inCdc(CDC_FILE, 0),
                event(1, "shipped").at(T1).inCdc(LATER_CDC_FILE, 0)))
        .containsExactly("1:pending");
  }

  @Test
  void aLargerChangeSequenceWinsWhenTimestampsAreEqual() {
    assertThat(
            current(
                event(1, "confirmed")
                    .at(T1)
                    .sequence("00000000000000000000000000000000002")
                    .inCdc(CDC_FILE, 0),
                event(1, "pending")
                    .at(T1)
                    .sequence("00000000000000000000000000000000001")
                    .inCdc(CDC_FILE, 1)))
        .containsExactly("1:confirmed");
  }

  @Test
  void aNullChangeSequenceLosesToAnyChangeSequence() {
    assertThat(
            current(
                event(1, "sequenced").at(T1).sequence("1").inCdc(CDC_FILE, 0),
                event(1, "unsequenced").at(T1).inCdc(LATER_CDC_FILE, 5)))
        .containsExactly("1:sequenced");
  }

  @Test
  void equalTimestampsWithoutSequencesFallToFilePosition() {
    assertThat(
            current(
                event(1, "first").at(T1).inCdc(CDC_FILE, 0),
                event(1, "second").at(T1).inCdc(CDC_FILE, 1),
                event(2, "second").at(T1).inCdc(CDC_FILE, 3),
                event(2, "first").at(T1).inCdc(CDC_FILE, 2)))
        .containsExactly("1:second", "2:second");
  }

  @Test
  void aLaterSplitOfTheSameFileWinsOverAnEarlierOne() {
    // Positions are only comparable within one split: a later split wins whatever its position.
    assertThat(
            current(
                event(1, "early split").at(T1).inCdc(CDC_FILE, 8_000_000_000L).block(0),
                event(1, "late split").at(T1).inCdc(CDC_FILE, 1).block(4_194_304)))
        .containsExactly("1:late split");
  }

  @Test
  void cdcBeatsAFullLoadAtTheSameTimestamp() {
    assertThat(
            current(
                event(1, "from cdc").at(T1).inCdc("s3://b/raw/public/orders/0.parquet", 0),
                event(1, "from load").at(T1).inLoad(LOAD_FILE, 9)))
        .containsExactly("1:from cdc");
  }

  @Test
  void theLaterFilePathWinsWhenAllElseIsEqual() {
    assertThat(
            current(
                event(1, "later file").at(T1).inCdc(LATER_CDC_FILE, 0),
                event(1, "earlier file").at(T1).inCdc(CDC_FILE, 7)))
        .containsExactly("1:later file");
  }

  @Test
  void anInsertThenADeleteInOneFileLeavesTheKeyAbsent() {
    assertThat(
            current(
                event(1, "pending").op("I").at(T1).inCdc(CDC_FILE, 0),
                event(1, null).op("D").at(T1).inCdc(CDC_FILE, 1),
                event(2, "kept").op("I").at(T1).inCdc(CDC_FILE, 2)))
        .containsExactly("2:kept");
  }

  @Test
  void aDeleteThenAReinsertKeepsTheReinsertedRow() {
    assertThat(
            current(
                event(1, "original").op("I").at(T1).inLoad(LOAD_FILE, 0),
                event(1, null).op("D").at(T1).inCdc(CDC_FILE, 0),
                event(1, "reinserted").op("I").at(T2).inCdc(CDC_FILE, 1)))
        .containsExactly("1:reinserted");
  }

  @Test
  void aReplayedFullLoadChangesNothing() {
    List<Event> history =
        new ArrayList<>(
            List.of(
                event(1, "pending").at("2024-01-15 00:00:00.000000").inLoad(LOAD_FILE, 0),
                event(2, "pending").at("2024-01-15 00:00:00.000000").inLoad(LOAD_FILE, 1),
                event(1, "shipped").op("U").at(T1).inCdc(CDC_FILE, 0),
                event(2, null).op("D").at(T1).inCdc(CDC_FILE, 1)));
    List<String> before = current(history.toArray(new Event[0]));
    // The restart reads the source again: key 1 as it is now, key 2 not at all.
    history.add(
        event(1, "shipped").at(T2).inLoad("s3://b/raw/public/orders/LOAD00000002.parquet", 0));
    // ...and DMS sends the last CDC file again.
    history.add(event(1, "shipped").op("U").at(T1).inCdc(LATER_CDC_FILE, 0));
    history.add(event(2, null).op("D").at(T1).inCdc(LATER_CDC_FILE, 1));

    assertThat(current(history.toArray(new Event[0])))
        .isEqualTo(before)
        .containsExactly("1:shipped");
  }

  @Test
  void compositeKeysResolvePerCombination() {
    Dataset<Row> events =
        frame(
            event(1, "eu old").region("eu").at(T1).inCdc(CDC_FILE, 0),
            event(1, "eu new").region("eu").at(T2).inCdc(CDC_FILE, 1),
            event(1, "us only").region("us").at(T1).inCdc(CDC_FILE, 2));

    List<String> rows =
        LatestEvent.resolve(events, List.of("region", "order_id"))
            .where(LatestEvent.isCurrent())
            .select("region", "order_id", "status")
            .orderBy("region")
            .collectAsList()
            .stream()
            .map(row -> row.getString(0) + "/" + row.getLong(1) + ":" + row.getString(2))
            .toList();

    assertThat(rows).containsExactly("eu/1:eu new", "us/1:us only");
  }

  @Test
  void everyColumnComesFromTheWinningRow() {
    Dataset<Row> events =
        frame(
            event(1, "pending").note("gift wrap").at(T1).inCdc(CDC_FILE, 0),
            event(1, "shipped").op("U").at(T2).inCdc(CDC_FILE, 1));

    Row winner = LatestEvent.resolve(events, List.of("order_id")).first();

    assertThat(winner.getAs("status").toString()).isEqualTo("shipped");
    assertThat(winner.isNullAt(winner.fieldIndex("note"))).isTrue();
    assertThat(winner.<String>getAs(EventColumns.OP)).isEqualTo("U");
    assertThat(winner.<Timestamp>getAs(EventColumns.COMMIT_TIMESTAMP))
        .isEqualTo(Timestamp.valueOf(T2));
    // The text is kept only for a timestamp that did not parse.
    assertThat(winner.isNullAt(winner.fieldIndex(EventColumns.COMMIT_TIMESTAMP_TEXT))).isTrue();
  }

  @Test
  void eventsWithANullKeyEachStandAlone() {
    assertThat(
            current(
                event(null, "orphan a").at(T1).inCdc(CDC_FILE, 0),
                event(null, "orphan b").at(T2).inCdc(CDC_FILE, 1),
                event(1, "keyed").at(T1).inCdc(CDC_FILE, 2)))
        .containsExactlyInAnyOrder("null:orphan a", "null:orphan b", "1:keyed");
  }

  @Test
  void perKeyEventCountsAddUpToEveryEventRead() {
    Dataset<Row> events =
        frame(
            event(1, "a").at(T1).inCdc(CDC_FILE, 0),
            event(1, "b").at(T2).inCdc(CDC_FILE, 1),
            event(2, "c").at(T1).inCdc(CDC_FILE, 2),
            event(2, null).op("D").at(T2).inCdc(CDC_FILE, 3),
            event(3, "d").at(T1).inCdc(CDC_FILE, 4));

    Row totals =
        LatestEvent.resolve(events, List.of("order_id"))
            .agg(
                org.apache.spark.sql.functions.sum(LatestEvent.KEY_EVENT_COUNT),
                org.apache.spark.sql.functions.count("*"))
            .first();

    assertThat(totals.getLong(0)).isEqualTo(5);
    assertThat(totals.getLong(1)).isEqualTo(3);
  }

  @Test
  void anEventWithAnUnparseableCommitTimestampStandsAloneSoItCannotVanish() {
    Dataset<Row> events =
        frame(
            event(1, "fine").at(T1).inCdc(CDC_FILE, 0),
            event(1, "broken").at(null).text("15/01/2024 10:00").inCdc(LATER_CDC_FILE, 1));

    List<Row> resolved =
        LatestEvent.resolve(events, List.of("order_id")).orderBy("status").collectAsList();

    assertThat(resolved)
        .extracting(row -> row.getAs("status").toString())
        .containsExactly("broken", "fine");
    assertThat(resolved.get(0).<Object>getAs(EventColumns.COMMIT_TIMESTAMP)).isNull();
    assertThat(resolved.get(0).<String>getAs(EventColumns.COMMIT_TIMESTAMP_TEXT))
        .isEqualTo("15/01/2024 10:00");
    assertThat(resolved)
        .extracting(row -> row.<Long>getAs(LatestEvent.KEY_EVENT_COUNT))
        .containsExactly(1L, 1L);
  }

  @Test
  void aKeyWhoseLatestChangeIsFromBeforeTheFullLoadIsNotCurrent() {
    // The reader marks CDC events committed before the table's full load started. A key whose
    // latest event is one of them was not in the full load: it was deleted before it.
    Dataset<Row> events =
        frame(
                event(1, "gone").at(T1).inCdc(CDC_FILE, 0),
                event(2, "stale").at(T1).inCdc(CDC_FILE, 1),
                event(2, "loaded").at(T2).inLoad(LOAD_FILE, 0))
            .withColumn(
                EventColumns.BEFORE_FULL_LOAD,
                functions
                    .col(EventColumns.FROM_CDC)
                    .and(functions.col(EventColumns.COMMIT_TIMESTAMP).lt(Timestamp.valueOf(T2))));

    List<String> current =
        LatestEvent.resolve(events, List.of("order_id"))
            .where(LatestEvent.isCurrent())
            .collectAsList()
            .stream()
            .map(row -> row.<Long>getAs("order_id") + ":" + row.<String>getAs("status"))
            .toList();

    assertThat(current).containsExactly("2:loaded");
  }

  // ---- fixtures

  private static List<String> current(Event... events) {
    return LatestEvent.resolve(frame(events), List.of("order_id"))
        .where(LatestEvent.isCurrent())
        .orderBy("order_id", "status")
        .collectAsList()
        .stream()
        .map(
            row ->
                (row.isNullAt(1) ? "null" : String.valueOf(row.getLong(1)))
                    + ":"
                    + row.getString(2))
        .toList();
  }

  private static Dataset<Row> frame(Event... events) {
    List<Row> rows = new ArrayList<>();
    for (Event event : events) {
      rows.add(event.row());
    }
    return TestSpark.session()
        .createDataFrame(rows, EVENTS)
        .withColumn(EventColumns.BEFORE_FULL_LOAD, functions.lit(false));
  }

  private static Event event(Integer orderId, String status) {
    return new Event(
        "eu",
        orderId == null ? null : orderId.longValue(),
        status,
        null,
        "I",
        null,
        null,
        null,
        true,
        "",
        0,
        0);
  }

  /** One event, built fluently; every wither returns a copy. */
  private record Event(
      String region,
      Long orderId,
      String status,
      String note,
      String op,
      String text,
      Timestamp timestamp,
      String sequence,
      boolean fromCdc,
      String file,
      long blockStart,
      long position) {
    Event region(String value) {
      return new Event(
          value,
          orderId,
          status,
          note,
          op,
          text,
          timestamp,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event note(String value) {
      return new Event(
          region,
          orderId,
          status,
          value,
          op,
          text,
          timestamp,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event op(String value) {
      return new Event(
          region,
          orderId,
          status,
          note,
          value,
          text,
          timestamp,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event at(String commitTimestamp) {
      Timestamp parsed = commitTimestamp == null ? null : Timestamp.valueOf(commitTimestamp);
      return new Event(
          region,
          orderId,
          status,
          note,
          op,
          commitTimestamp,
          parsed,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event text(String value) {
      return new Event(
          region,
          orderId,
          status,
          note,
          op,
          value,
          timestamp,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event sequence(String value) {
      return new Event(
          region,
          orderId,
          status,
          note,
          op,
          text,
          timestamp,
          String.format("%38s", value).replace(' ', '0'),
          fromCdc,
          file,
          blockStart,
          position);
    }

    Event inCdc(String path, long rowPosition) {
      return new Event(
          region,
          orderId,
          status,
          note,
          op,
          text,
          timestamp,
          sequence,
          true,
          path,
          blockStart,
          rowPosition);
    }

    Event inLoad(String path, long rowPosition) {
      return new Event(
          region,
          orderId,
          status,
          note,
          op,
          text,
          timestamp,
          sequence,
          false,
          path,
          blockStart,
          rowPosition);
    }

    Event block(long start) {
      return new Event(
          region, orderId, status, note, op, text, timestamp, sequence, fromCdc, file, start,
          position);
    }

    Row row() {
      return RowFactory.create(
          region,
          orderId,
          status,
          note,
          op,
          text,
          timestamp,
          sequence,
          fromCdc,
          file,
          blockStart,
          position);
    }
  }
}
