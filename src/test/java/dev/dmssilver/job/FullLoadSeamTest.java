package dev.dmssilver.job;

import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeDiscovery;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.bronze.BronzeShape;
import dev.dmssilver.contract.BronzeSource;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the full load meets CDC. DMS stamps each full-load row with the time it transferred it, so
 * a change committed while the load ran carries an earlier time than the stale row it changed; and
 * the full load holds every row that existed when it started.
 */
class FullLoadSeamTest {
  private static final List<DmsColumn> LOAD = OrdersHistory.orderColumns(true);
  private static final Instant ORDERED = instant("2024-01-14T09:30:00Z");

  @TempDir Path folder;

  @Test
  void aChangeCommittedDuringTheLoadWinsOverTheRowTheLoadTransferredLater() {
    BronzeFixture bronze = loadWithAChangeDuringIt("bronze", "2024-01-15 10:05:00.000000");

    assertThat(silverOrders(bronze)).containsExactlyInAnyOrder("1|pending", "2|confirmed");
  }

  @Test
  void theRunSaysWhenChangesWereCommittedWhileTheLoadRanAndNamesTheSetting() {
    BronzeFixture bronze = loadWithAChangeDuringIt("bronze", "2024-01-15 10:05:00.000000");
    // With use_task_start_time_for_full_load_timestamp every row carries the task's start.
    BronzeFixture stampedAtTheStart =
        loadWithAChangeDuringIt("task-start", "2024-01-15 10:00:00.000000");

    assertThat(overlap(bronze))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith(
                        "1 CDC files hold changes committed while the full load ran"
                            + " (2024-01-15T10:00:00Z to 2024-01-15T10:05:00Z)")
                    .endsWith(
                        "set use_task_start_time_for_full_load_timestamp on the endpoint to close"
                            + " that window"));
    assertThat(overlap(stampedAtTheStart)).isEmpty();
  }

  /**
   * A load that starts at 10:00:00 and stamps order 2 with {@code secondStamp}, as it was at the
   * start; order 2 was confirmed at 10:02:00, while the load ran.
   */
  private BronzeFixture loadWithAChangeDuringIt(String name, String secondStamp) {
    BronzeFixture bronze = new BronzeFixture(folder.resolve(name));
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        LOAD,
        order("I", "2024-01-15 10:00:00.000000", 1, "pending"),
        order("I", secondStamp, 2, "pending"));
    bronze.write(
        "orders",
        "2024/01/15/20240115-100300000.parquet",
        LOAD,
        order("U", "2024-01-15 10:02:00.000000", 2, "confirmed"));
    return bronze;
  }

  @Test
  void aBronzeWhoseCdcFilesHoldNoDeleteIsToldApartFromTheFootersAlone() {
    BronzeFixture updatesOnly = loadWithAChangeDuringIt("updates", "2024-01-15 10:05:00.000000");
    BronzeFixture withADelete = loadWithAChangeDuringIt("deletes", "2024-01-15 10:05:00.000000");
    withADelete.write(
        "orders",
        "2024/01/15/20240115-110000000.parquet",
        LOAD,
        order("D", "2024-01-15 11:00:00.000000", 1, "pending"));

    assertThat(BronzeShape.cdcWithoutDeletes(inventory(updatesOnly))).isTrue();
    assertThat(BronzeShape.cdcWithoutDeletes(inventory(withADelete))).isFalse();
  }

  private static BronzeInventory inventory(BronzeFixture bronze) {
    return BronzeDiscovery.discover(
        TestSpark.session(),
        "orders",
        BronzeSettings.withDefaults(bronze.root()).tableFolder(new BronzeSource(null, "orders")));
  }

  private static Optional<String> overlap(BronzeFixture bronze) {
    BronzeSettings settings = BronzeSettings.withDefaults(bronze.root());
    BronzeInventory inventory = inventory(bronze);
    return BronzeShape.fullLoadOverlap(
        inventory,
        settings,
        Optional.of(
            inventory.files().stream()
                .filter(file -> file.isFullLoad())
                .map(file -> file.minimumOf("_dms_timestamp").get())
                .min(Instant::compareTo)
                .get()));
  }

  @Test
  void aKeyTheFullLoadDoesNotHoldWasDeletedBeforeItThoughBronzeHasNoDelete() {
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    // Order 9 was inserted at 09:00 and deleted before the reload at 10:00; the delete never
    // reached Bronze (an endpoint without deletes, or a slot dropped for the reload).
    bronze.write(
        "orders",
        "2024/01/15/20240115-090100000.parquet",
        LOAD,
        order("I", "2024-01-15 09:00:00.000000", 9, "pending"),
        order("I", "2024-01-15 09:00:01.000000", 1, "pending"));
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        LOAD,
        order("I", "2024-01-15 10:00:00.000000", 1, "confirmed"));
    bronze.write(
        "orders",
        "2024/01/15/20240115-110100000.parquet",
        LOAD,
        order("I", "2024-01-15 11:00:00.000000", 10, "pending"));

    assertThat(silverOrders(bronze)).containsExactlyInAnyOrder("1|confirmed", "10|pending");
  }

  @Test
  void withoutAFullLoadEveryChangeCounts() {
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    bronze.write(
        "orders",
        "2024/01/15/20240115-090100000.parquet",
        LOAD,
        order("I", "2024-01-15 09:00:00.000000", 9, "pending"));

    assertThat(silverOrders(bronze)).containsExactlyInAnyOrder("9|pending");
  }

  private List<String> silverOrders(BronzeFixture bronze) {
    SparkSession spark = TestSpark.session();
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    Contracts contracts =
        Contracts.fromDirectory(Paths.get(System.getProperty("user.dir"), "jobs"));
    RunSettings settings =
        new RunSettings(
            BronzeSettings.withDefaults(bronze.root()),
            catalog,
            contracts,
            "run-1",
            Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC),
            RunSettings.FUTURE_TOLERANCE_DEFAULT);
    JobRuns.prepareShared(spark, settings);
    JobResult result = new JobRunner(spark, settings).run(contracts.get("fact_orders"));
    assertThat(result.failure()).isEmpty();
    return Tables.rows(spark, catalog.qualified("fact_orders"), "order_id", "order_status");
  }

  private static Object[] order(String op, String committed, int id, String status) {
    return row(op, committed, id, 7, ORDERED, status, instant("2024-01-15T08:00:00Z"));
  }
}
