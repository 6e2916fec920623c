package dev.dmssilver.e2e;

import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.CloudWatchRecorder;
import dev.dmssilver.testing.CloudWatchRecorder.Datum;
import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.WarehouseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run tells the outside world: CloudWatch metrics through the real AWS SDK client (to a
 * loopback endpoint that records them), the run summary JSON, and the run record on every snapshot,
 * all for a Bronze input whose every figure is known.
 */
class ObservabilityIT {
  private static final Map<String, String> AWS =
      Map.of(
          "AWS_ACCESS_KEY_ID", "test",
          "AWS_SECRET_ACCESS_KEY", "test",
          "AWS_REGION", "eu-west-1");
  private static final Instant NEWEST_COMMIT = Instant.parse("2024-03-02T12:30:00.250Z");
  private static final String RUN_ID = "observed-run-1";

  @TempDir static Path folder;
  private static String bronze;
  private static CloudWatchRecorder cloudWatch;
  private static Instant started;
  private static Instant finished;
  private static SilverProcess run;
  private static int exitCode;

  /**
   * Seven customers are loaded; then customer 2 loses its country and customer 5 is deleted. Six
   * are current: three valid (1, 6, 7), three quarantined (3 has no email; 2 and 4 no country).
   */
  @BeforeAll
  static void runOneJobWithMetricsOn() throws Exception {
    bronze = writeCustomers(new BronzeFixture(folder.resolve("bronze")));
    cloudWatch = CloudWatchRecorder.accepting();
    started = Instant.now();
    run =
        runCustomers(
            bronze,
            folder.resolve("warehouse"),
            "--run-id",
            RUN_ID,
            "--cloudwatch",
            "--cloudwatch-endpoint",
            cloudWatch.endpoint(),
            "--environment",
            "ci",
            "--summary-json",
            folder.resolve("summary.json").toString());
    exitCode = run.waitFor();
    finished = Instant.now();
  }

  @AfterAll
  static void stopCloudWatch() {
    cloudWatch.close();
  }

  @Test
  void publishesOnePutMetricDataBatchForTheJobWithTheExactNamesDimensionsAndValues() {
    assertThat(exitCode).as(run.stderr()).isZero();
    assertThat(cloudWatch.requests()).hasSize(1);
    Map<String, String> request = cloudWatch.requests().get(0);
    assertThat(request)
        .containsEntry("Action", "PutMetricData")
        .containsEntry("Namespace", "SilverLakehouse");

    List<Datum> data = CloudWatchRecorder.metricData(request);
    assertThat(data)
        .allSatisfy(
            datum ->
                assertThat(datum.dimensions())
                    .containsEntry("Table", "dim_customer")
                    .containsEntry("Environment", "ci"));
    Map<String, Double> values =
        data.stream()
            .collect(
                Collectors.toMap(
                    datum ->
                        datum.name()
                            + (datum.dimensions().containsKey("Reason")
                                ? "/" + datum.dimensions().get("Reason")
                                : ""),
                    Datum::value));
    assertThat(values)
        .containsOnlyKeys(
            "SilverRowCount",
            "QuarantineRowCount",
            "QuarantineRowCount/email_not_null",
            "QuarantineRowCount/country_not_null",
            "SilverDataAgeHours",
            "BronzeEventCount",
            "BronzeFileCount",
            "JobDurationSeconds",
            "GatePassed",
            "JobFailed",
            "FullRebuild")
        .containsEntry("SilverRowCount", 3.0)
        .containsEntry("QuarantineRowCount", 3.0)
        .containsEntry("QuarantineRowCount/email_not_null", 1.0)
        .containsEntry("QuarantineRowCount/country_not_null", 2.0)
        .containsEntry("BronzeEventCount", 9.0)
        .containsEntry("BronzeFileCount", 2.0)
        .containsEntry("GatePassed", 1.0)
        .containsEntry("JobFailed", 0.0)
        .containsEntry("FullRebuild", 1.0);
    assertThat(values.get("JobDurationSeconds"))
        .isGreaterThan(0.0)
        .isLessThan(Duration.between(started, finished).toMillis() / 1000.0);
    assertThat(values.get("SilverDataAgeHours"))
        .isBetween(hoursSinceNewestCommit(started), hoursSinceNewestCommit(finished));
    assertThat(data)
        .filteredOn(datum -> datum.name().endsWith("Count"))
        .allSatisfy(datum -> assertThat(datum.unit()).isEqualTo("Count"));
    assertThat(data)
        .filteredOn(datum -> datum.name().equals("JobDurationSeconds"))
        .allSatisfy(datum -> assertThat(datum.unit()).isEqualTo("Seconds"));
  }

  @Test
  void writesAMachineReadableSummaryOfTheRun() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());

    assertThat(summary.get("run_id").asText()).isEqualTo(RUN_ID);
    assertThat(summary.get("all_published").asBoolean()).isTrue();
    assertThat(summary.get("exit_code").asInt()).isZero();
    assertThat(summary.get("jobs")).hasSize(1);
    JsonNode job = summary.get("jobs").get(0);
    assertThat(job.get("table").asText()).isEqualTo("dim_customer");
    assertThat(job.get("status").asText()).isEqualTo("published");
    assertThat(job.get("mode").asText()).isEqualTo("full_rebuild");
    assertThat(job.has("full_rebuild_reason")).as("asked for by no one").isFalse();
    assertThat(job.get("bronze_files").asLong()).isEqualTo(2);
    assertThat(job.get("bronze_events").asLong()).isEqualTo(9);
    assertThat(job.get("current_rows").asLong()).isEqualTo(6);
    assertThat(job.get("silver_rows").asLong()).isEqualTo(3);
    assertThat(job.get("quarantined_rows").asLong()).isEqualTo(3);
    assertThat(job.get("deleted_keys").asLong()).isEqualTo(1);
    assertThat(job.get("quarantined_by_reason").get("email_not_null").asLong()).isEqualTo(1);
    assertThat(job.get("quarantined_by_reason").get("country_not_null").asLong()).isEqualTo(2);
    assertThat(Instant.parse(job.get("newest_commit").asText())).isEqualTo(NEWEST_COMMIT);
    assertThat(job.get("gate").get("outcome").asText()).isEqualTo("passed");
    assertThat(job.get("silver_snapshot_id").asLong()).isNotZero();
    assertThat(job.get("quarantine_snapshot_id").asLong()).isNotZero();
    assertThat(job.get("duration_seconds").asDouble()).isPositive();
  }

  @Test
  void everySnapshotTheRunCommittedSaysWhichRunWroteItAndFromWhat() throws Exception {
    String silver =
        sql("SELECT summary FROM silver.dim_customer.snapshots ORDER BY committed_at DESC LIMIT 1");
    assertThat(silver)
        .contains("silver.run-id -> " + RUN_ID)
        .contains("silver.job -> dim_customer")
        .containsPattern("silver.version -> [0-9]")
        .contains("silver.bronze-files -> 2")
        .contains("silver.bronze-events -> 9")
        .contains("silver.bronze-newest-commit -> " + NEWEST_COMMIT)
        .contains("silver.silver-rows -> 3")
        .contains("silver.quarantine-rows -> 3")
        .contains("silver.gate -> passed");

    String quarantine =
        sql(
            "SELECT summary['silver.run-id'], summary['silver.job'],"
                + " summary['silver.quarantine-rows'] FROM silver.quarantine.snapshots"
                + " WHERE summary['silver.run-id'] IS NOT NULL");
    assertThat(quarantine.lines()).containsExactly(RUN_ID + "\tdim_customer\t3");
  }

  @Test
  void aCloudWatchThatFailsLeavesTheCommittedDataAndTheExitCodeAlone() throws Exception {
    Path warehouse = folder.resolve("warehouse-unobserved");
    try (CloudWatchRecorder unavailable = CloudWatchRecorder.failing()) {
      SilverProcess failing =
          runCustomers(
              bronze, warehouse, "--cloudwatch", "--cloudwatch-endpoint", unavailable.endpoint());

      assertThat(failing.waitFor()).as(failing.stderr()).isZero();
      assertThat(unavailable.requests()).isNotEmpty();
      assertThat(failing.stderr())
          .contains("cannot publish metrics to CloudWatch at " + unavailable.endpoint())
          .contains("the data is committed regardless");
      assertThat(WarehouseReader.rows(warehouse, "dim_customer", "customer_id"))
          .containsExactlyInAnyOrder("1", "6", "7");
      assertThat(WarehouseReader.rows(warehouse, "quarantine", "record_key")).hasSize(3);
    }
  }

  @Test
  void aJobOnCorruptBronzeCarriesItsKindInTheExitCodeTheSummaryAndTheFailureMetric()
      throws Exception {
    Path corrupt = folder.resolve("bronze-corrupt");
    Path customers = Files.createDirectories(corrupt.resolve("public/customers"));
    Files.writeString(customers.resolve("LOAD00000001.parquet"), "not parquet");
    Path summaryFile = folder.resolve("summary-corrupt.json");
    try (CloudWatchRecorder listening = CloudWatchRecorder.accepting()) {
      SilverProcess failing =
          runCustomers(
              corrupt.toString(),
              folder.resolve("warehouse-corrupt"),
              "--cloudwatch",
              "--cloudwatch-endpoint",
              listening.endpoint(),
              "--summary-json",
              summaryFile.toString());

      assertThat(failing.waitFor()).as("bad input: " + failing.stderr()).isEqualTo(2);
      JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
      assertThat(summary.get("exit_code").asInt()).isEqualTo(2);
      JsonNode job = summary.get("jobs").get(0);
      assertThat(job.get("status").asText()).isEqualTo("failed");
      assertThat(job.get("kind").asText()).isEqualTo("bronze_input");
      assertThat(job.get("error").asText()).contains("LOAD00000001.parquet");

      List<Datum> failed =
          CloudWatchRecorder.metricData(listening.requests().get(0)).stream()
              .filter(datum -> datum.name().equals("JobFailed"))
              .collect(Collectors.toList());
      assertThat(failed)
          .extracting(datum -> datum.dimensions().get("Kind") + "=" + datum.value())
          .containsExactlyInAnyOrder("null=1.0", "bronze_input=1.0");
    }
  }

  @Test
  void metricsAreOffUnlessAskedFor() throws Exception {
    try (CloudWatchRecorder listening = CloudWatchRecorder.accepting()) {
      SilverProcess quiet =
          runCustomers(
              bronze,
              folder.resolve("warehouse-quiet"),
              "--cloudwatch-endpoint",
              listening.endpoint());

      assertThat(quiet.waitFor()).as(quiet.stderr()).isZero();
      assertThat(listening.requests()).isEmpty();
    }
  }

  /** bin/silver run of dim_customer on {@code bronze} into {@code warehouse}, with {@code more}. */
  private static SilverProcess runCustomers(String bronze, Path warehouse, String... more)
      throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "run",
                "--job",
                "dim_customer",
                "--bronze",
                bronze,
                "--warehouse",
                warehouse.toString()));
    arguments.addAll(List.of(more));
    return SilverProcess.start(folder, AWS, arguments.toArray(new String[0]));
  }

  private static double hoursSinceNewestCommit(Instant now) {
    return Duration.between(NEWEST_COMMIT, now).toMillis() / 3_600_000.0;
  }

  private static String sql(String query) throws Exception {
    SilverProcess process =
        SilverProcess.start(
            folder,
            Map.of(),
            "sql",
            "--warehouse",
            folder.resolve("warehouse").toString(),
            "--format",
            "tsv",
            query);
    assertThat(process.waitFor()).as(process.stderr()).isZero();
    // Without the header line.
    return process.stdout().lines().skip(1).collect(Collectors.joining("\n"));
  }

  private static String writeCustomers(BronzeFixture fixture) {
    List<DmsColumn> load =
        columns(
            commitTimestamp(),
            column("customer_id", INT),
            column("first_name", STRING),
            column("last_name", STRING),
            column("email", STRING),
            column("country", STRING),
            column("phone", STRING),
            column("signup_date", TIMESTAMP_MILLIS),
            column("updated_at", TIMESTAMP_MILLIS));
    String loaded = "2024-03-01 10:00:00.000000";
    fixture.write(
        "customers",
        "LOAD00000001.parquet",
        load,
        customer(loaded, 1, "a@example.com", "DE"),
        customer(loaded, 2, "b@example.com", "FR"),
        customer(loaded, 3, null, "FR"),
        customer(loaded, 4, "d@example.com", null),
        customer(loaded, 5, "e@example.com", "IT"),
        customer(loaded, 6, "f@example.com", "IT"),
        customer(loaded, 7, "g@example.com", "ES"));
    List<DmsColumn> changes = columns(op());
    changes.addAll(load);
    fixture.write(
        "customers",
        "2024/03/02/20240302-123001000.parquet",
        changes,
        withOp("U", customer("2024-03-02 12:00:00.000000", 2, "b@example.com", null)),
        withOp("D", customer("2024-03-02 12:30:00.250000", 5, "e@example.com", "IT")));
    return fixture.root();
  }

  private static Object[] customer(String committed, int id, String email, String country) {
    return row(
        committed,
        id,
        "First" + id,
        "Last" + id,
        email,
        country,
        null,
        instant("2023-12-01T10:00:00Z"),
        instant("2024-03-01T09:00:00Z"));
  }

  private static Object[] withOp(String op, Object[] row) {
    Object[] withOp = new Object[row.length + 1];
    withOp[0] = op;
    System.arraycopy(row, 0, withOp, 1, row.length);
    return withOp;
  }
}
