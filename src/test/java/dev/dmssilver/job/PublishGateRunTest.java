package dev.dmssilver.job;

import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.Publisher;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.lakehouse.WriteSettings;
import dev.dmssilver.quality.GateVerdict;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write, audit, publish on real tables: what a failed gate leaves, and what accepting it does. */
class PublishGateRunTest {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC);
  private static final int ORDERS = 1_200;

  @TempDir Path folder;
  private SparkSession spark;
  private BronzeFixture bronze;
  private CatalogSettings catalog;
  private RunSettings settings;

  @BeforeEach
  void publishABaselineOf1200Orders() {
    spark = TestSpark.session();
    bronze = new BronzeFixture(folder.resolve("bronze"));
    catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    settings =
        new RunSettings(
            BronzeSettings.withDefaults(bronze.root()),
            catalog,
            Contracts.fromDirectory(JOBS),
            "baseline",
            CLOCK,
            RunSettings.FUTURE_TOLERANCE_DEFAULT);
    List<Object[]> rows = new ArrayList<>();
    for (int id = 1; id <= ORDERS; id++) {
      rows.add(
          row(
              "2024-01-15 00:00:00.000000",
              id,
              7,
              instant("2024-01-14T12:00:00Z"),
              "pending",
              instant("2024-01-14T08:00:00Z")));
    }
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        OrdersHistory.orderColumns(false),
        rows.toArray(new Object[0][]));
    assertThat(run(settings).status()).isEqualTo(JobResult.Status.PUBLISHED);
  }

  private JobResult run(RunSettings runSettings) {
    JobRuns.prepareShared(spark, runSettings);
    return new JobRunner(spark, runSettings).run(runSettings.contracts().get("fact_orders"));
  }

  /** CDC that breaks {@code count} orders (an unknown status) and deletes {@code deleted}. */
  private void writeChanges(int broken, int deleted) {
    List<Object[]> rows = new ArrayList<>();
    for (int id = 1; id <= broken; id++) {
      rows.add(
          row(
              "U",
              "2024-01-16 00:00:00.000000",
              (long) id,
              7,
              instant("2024-01-14T12:00:00Z"),
              "bogus",
              instant("2024-01-16T00:00:00Z")));
    }
    for (int id = ORDERS; id > ORDERS - deleted; id--) {
      rows.add(row("D", "2024-01-16 00:00:00.000000", (long) id, null, null, null, null));
    }
    List<DmsColumn> cdc = OrdersHistory.orderColumns(true);
    bronze.write(
        "orders", "2024/01/16/20240116-000000000.parquet", cdc, rows.toArray(new Object[0][]));
  }

  @Test
  void aRunQuarantiningTooMuchPublishesNothingAndKeepsItsWouldBeStateForInspection() {
    List<String> silverBefore = Tables.rows(spark, catalog.qualified("fact_orders"), "*");
    List<String> quarantineBefore = Tables.rows(spark, catalog.qualified("quarantine"), "*");
    Publisher publisher = new Publisher(spark, catalog, WriteSettings.tableDefaults());
    long mainBefore = publisher.current("fact_orders").get().snapshotId();
    writeChanges(100, 0);

    JobResult result = run(settings.withRunId("run-gate"));

    assertThat(result.status()).isEqualTo(JobResult.Status.GATE_FAILED);
    assertThat(result.verdict().get().failures())
        .containsExactly("quarantined 8.3% of 1,200 current rows (limit 5.0%)");
    assertThat(result.failure().get().getMessage())
        .contains("Silver is unchanged")
        .contains("SELECT * FROM silver.fact_orders VERSION AS OF 'audit_run_gate'")
        .contains(
            "SELECT * FROM silver.quarantine VERSION AS OF 'audit_run_gate_fact_orders' WHERE table_name = 'fact_orders'")
        .contains("--accept-gate-failure");
    assertThat(publisher.current("fact_orders").get().snapshotId()).isEqualTo(mainBefore);
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders"), "*")).isEqualTo(silverBefore);
    assertThat(Tables.rows(spark, catalog.qualified("quarantine"), "*"))
        .isEqualTo(quarantineBefore);
    // The would-be state, and why, can be read back.
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM "
                        + catalog.qualified("fact_orders")
                        + " VERSION AS OF 'audit_run_gate'")
                .first()
                .getLong(0))
        .isEqualTo(1_100);
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM "
                        + catalog.qualified("quarantine")
                        + " VERSION AS OF 'audit_run_gate_fact_orders' WHERE table_name = 'fact_orders'")
                .first()
                .getLong(0))
        .isEqualTo(100);
    Map<String, String> summary =
        spark
            .sql(
                "SELECT summary FROM "
                    + catalog.qualified("fact_orders")
                    + ".snapshots WHERE summary['silver.run-id'] = 'run-gate'")
            .first()
            .getJavaMap(0);
    assertThat(summary)
        .containsEntry(RunRecord.GATE, "failed")
        .containsEntry(
            RunRecord.GATE_FAILURES, "quarantined 8.3% of 1,200 current rows (limit 5.0%)")
        .containsEntry(RunRecord.SILVER_ROWS, "1100")
        .containsEntry(RunRecord.QUARANTINE_ROWS, "100");
  }

  @Test
  void acceptingAGateFailurePublishesAndRecordsThatItWasAccepted() {
    writeChanges(100, 0);

    JobResult result = run(settings.withRunId("run-accepted").acceptingGateFailures());

    assertThat(result.status()).isEqualTo(JobResult.Status.PUBLISHED);
    assertThat(result.verdict().get().outcome()).isEqualTo(GateVerdict.Outcome.ACCEPTED);
    assertThat(spark.table(catalog.qualified("fact_orders")).count()).isEqualTo(1_100);
    assertThat(
            spark.sql("SELECT count(*) FROM " + catalog.qualified("quarantine")).first().getLong(0))
        .isEqualTo(100);
    Map<String, String> summary =
        spark
            .sql(
                "SELECT summary FROM "
                    + catalog.qualified("fact_orders")
                    + ".snapshots WHERE summary['silver.run-id'] = 'run-accepted'")
            .first()
            .getJavaMap(0);
    assertThat(summary).containsEntry(RunRecord.GATE, "accepted");
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders") + ".refs", "name"))
        .containsExactly("main");
  }

  @Test
  void aLargeDropFailsTheGate() {
    writeChanges(0, 300);

    JobResult result = run(settings.withRunId("run-drop"));

    assertThat(result.status()).isEqualTo(JobResult.Status.GATE_FAILED);
    assertThat(result.verdict().get().failures())
        .containsExactly("Silver would shrink 25.0% from 1,200 to 900 rows (limit 20.0%)");
    assertThat(spark.table(catalog.qualified("fact_orders")).count()).isEqualTo(ORDERS);
  }

  @Test
  void aRunWithinTheThresholdsPublishesAndLeavesNoAuditBranch() {
    writeChanges(10, 100);

    JobResult result = run(settings.withRunId("run-fine"));

    assertThat(result.status()).isEqualTo(JobResult.Status.PUBLISHED);
    assertThat(spark.table(catalog.qualified("fact_orders")).count()).isEqualTo(1_090);
    assertThat(Tables.rows(spark, catalog.qualified("fact_orders") + ".refs", "name"))
        .containsExactly("main");
  }
}
