package dev.dmssilver.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * test_decoding's text, as PostgreSQL 15 prints it (the lines below were copied from
 * pg_logical_slot_peek_changes on the source schema with REPLICA IDENTITY FULL).
 */
class TestDecodingTest {
  @Test
  void anInsertNamesEveryColumnWithItsValueQuotedOrBareOrNull() {
    TestDecoding.Record record =
        TestDecoding.parse(
            "table public.customers: INSERT: customer_id[integer]:1"
                + " first_name[character varying]:'Ada' last_name[character varying]:'L''ove'"
                + " phone[character varying]:null"
                + " signup_date[timestamp with time zone]:'2026-12-05 08:27:21.825272+00'");

    assertThat(record.kind).isEqualTo(TestDecoding.Kind.CHANGE);
    assertThat(record.table).isEqualTo("public.customers");
    assertThat(record.op).isEqualTo('I');
    assertThat(record.newTuple.names)
        .containsExactly("customer_id", "first_name", "last_name", "phone", "signup_date");
    assertThat(record.newTuple.values)
        .containsExactly("1", "Ada", "L'ove", null, "2026-12-05 08:27:21.825272+00");
  }

  @Test
  void anUpdateWithReplicaIdentityFullCarriesTheOldRowAndTheNewOne() {
    TestDecoding.Record record =
        TestDecoding.parse(
            "table public.orders: UPDATE: old-key: order_id[integer]:1"
                + " order_status[character varying]:'pending' new-tuple: order_id[integer]:1"
                + " order_status[character varying]:'confirmed'");

    assertThat(record.op).isEqualTo('U');
    assertThat(record.oldTuple.values).containsExactly("1", "pending");
    assertThat(record.newTuple.values).containsExactly("1", "confirmed");
  }

  @Test
  void aTextValueThatLooksLikeTheStreamsOwnWordsIsStillAValue() {
    TestDecoding.Record record =
        TestDecoding.parse(
            "table public.orders: UPDATE: old-key: order_status[character varying]:'x new-tuple:"
                + " y' new-tuple: order_status[character varying]:'null'");

    assertThat(record.oldTuple.values).containsExactly("x new-tuple: y");
    assertThat(record.newTuple.values).containsExactly("null");
  }

  @Test
  void anUpdateWithoutAnOldRowHasOnlyTheNewOne() {
    TestDecoding.Record record =
        TestDecoding.parse("table public.orders: UPDATE: order_id[integer]:1 quantity[integer]:-3");

    assertThat(record.oldTuple).isNull();
    assertThat(record.newTuple.values).containsExactly("1", "-3");
  }

  @Test
  void aDeleteCarriesTheOldRowOrNothing() {
    TestDecoding.Record full =
        TestDecoding.parse(
            "table public.products: DELETE: product_id[integer]:7 unit_price[numeric]:19.99");
    TestDecoding.Record nothing =
        TestDecoding.parse("table public.products: DELETE: (no-tuple-data)");

    assertThat(full.op).isEqualTo('D');
    assertThat(full.oldTuple.values).containsExactly("7", "19.99");
    assertThat(nothing.oldTuple.names).isEmpty();
  }

  @Test
  void quotedIdentifiersAndTypesWithBracketsAreRead() {
    TestDecoding.Record record =
        TestDecoding.parse(
            "table \"Sales\".\"Order \"\"Lines\"\"\": INSERT: \"Line No\"[integer]:3"
                + " tags[text[]]:'{a,b}' flags[bit(3)]:B'101' paid[boolean]:true");

    assertThat(record.table).isEqualTo("Sales.Order \"Lines\"");
    assertThat(record.newTuple.names).containsExactly("Line No", "tags", "flags", "paid");
    assertThat(record.newTuple.values).containsExactly("3", "{a,b}", "101", "true");
  }

  @Test
  void beginAndCommitFrameATransactionAndTheCommitCarriesItsTime() {
    assertThat(TestDecoding.parse("BEGIN").kind).isEqualTo(TestDecoding.Kind.BEGIN);
    TestDecoding.Record commit = TestDecoding.parse("COMMIT (at 2026-12-05 05:40:00.123456+00)");

    assertThat(commit.kind).isEqualTo(TestDecoding.Kind.COMMIT);
    assertThat(commit.text).isEqualTo("2026-12-05 05:40:00.123456+00");
    assertThat(SourceColumn.instantOf(commit.text)).hasToString("2026-12-05T05:40:00.123456Z");
  }

  @Test
  void aCommitWithoutItsTimeIsRefusedSayingWhichOptionItNeeds() {
    assertThatThrownBy(() -> TestDecoding.parse("COMMIT 740"))
        .hasMessageContaining("include-timestamp");
  }

  @Test
  void aTruncateIsNotARowChange() {
    TestDecoding.Record record = TestDecoding.parse("table public.orders: TRUNCATE: (no-flags)");

    assertThat(record.kind).isEqualTo(TestDecoding.Kind.OTHER);
    assertThat(record.table).isEqualTo("public.orders");
  }

  @Test
  void malformedTextIsAnErrorShowingWhere() {
    assertThatThrownBy(() -> TestDecoding.parse("table public.orders: INSERT: order_id:1"))
        .hasMessageContaining("expected a column's [type]");
  }
}
