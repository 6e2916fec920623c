package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.testing.IamPolicy;
import dev.dmssilver.testing.MotoServer;
import dev.dmssilver.testing.RecordedCall;
import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.SilverProcess.Finished;
import dev.dmssilver.testing.TestS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The Glue catalog path against a real Glue API: moto_server serves Glue, S3 and CloudWatch on one
 * port, and bin/silver runs as on AWS with --catalog glue --glue-endpoint. moto's UpdateTable keeps
 * no version (no optimistic locking), so the jobs run one at a time (--max-concurrent-jobs 1): on
 * real Glue, Iceberg's commits are safe concurrently. Every request the runs make is recorded and
 * judged against the job role's policy from infra/iam.tf.
 */
class GlueCatalogIT {
  private static final Path PROJECT = Paths.get("").toAbsolutePath();
  private static final String BRONZE = "s3://bronze/raw";
  private static final String WAREHOUSE = "s3://lake/wh";
  private static final List<String> SIX =
      new ArrayList<>(Contracts.fromDirectory(PROJECT.resolve("jobs")).tables());

  @TempDir static Path folder;
  private static MotoServer moto;
  private static Finished firstRun;
  private static Finished secondRun;
  private static Finished heldRun;
  private static Finished firstIncremental;
  private static Finished secondIncremental;
  private static int delivered;
  private static int deliveredItemFiles;
  private static Finished verified;
  private static Finished maintenance;
  private static List<RecordedCall> calls;

  @BeforeAll
  static void runJobsHeldRunAndMaintenanceOnGlue() throws Exception {
    moto = MotoServer.start(folder);
    moto.s3().createBucket(bucket -> bucket.bucket("bronze"));
    moto.s3().createBucket(bucket -> bucket.bucket("lake"));
    Finished generated =
        silver(
            "generate", "--bronze", BRONZE, "--events", "3000", "--s3-endpoint", moto.endpoint());
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();

    moto.startRecording();
    firstRun =
        silver(
            withGlue(
                "run",
                "--all",
                "--max-concurrent-jobs",
                "1",
                "--bronze",
                BRONZE,
                "--cloudwatch",
                "--cloudwatch-endpoint",
                moto.endpoint(),
                "--summary-json",
                folder.resolve("first.json").toString()));
    secondRun = silver(withGlue("run", "--job", "fact_orders", "--bronze", BRONZE));
    heldRun =
        silver(
            withGlue(
                "run",
                "--job",
                "fact_orders",
                "--bronze",
                BRONZE,
                "--contracts",
                strictGateContracts().toString()));
    firstIncremental = silver(withGlue(incrementalItems("first-incremental.json")));
    // The delivery is DMS's doing, not the job role's: it is not recorded.
    calls = new ArrayList<>(moto.stopRecording());
    delivered = deliverLaterChanges();
    moto.startRecording();
    secondIncremental = silver(withGlue(incrementalItems("second-incremental.json")));
    maintenance =
        silver(withGlue("maintain", "--all", "--retain-last", "1", "--expire-older-than", "0d"));
    calls.addAll(moto.stopRecording());
    verified = silver(withGlue("verify", "--job", "fact_order_items", "--bronze", BRONZE));
  }

  @AfterAll
  static void stopMoto() throws Exception {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void allSixJobsPublishIcebergTablesToTheGlueCatalog() throws Exception {
    assertThat(firstRun.exitCode()).as(firstRun.stderr()).isZero();
    List<Table> tables =
        new ArrayList<>(
            moto.glue().getTables(request -> request.databaseName("silver")).tableList());
    List<String> expected = new ArrayList<>(SIX);
    expected.add("quarantine");
    // The incremental state's tables are the incremental test's.
    tables.removeIf(table -> table.name().startsWith("silver_state_"));
    assertThat(tables).extracting(Table::name).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(tables)
        .allSatisfy(
            table -> {
              assertThat(table.parameters()).containsEntry("table_type", "ICEBERG");
              assertThat(table.parameters().get("metadata_location"))
                  .startsWith(WAREHOUSE + "/silver.db/" + table.name() + "/metadata/");
            });
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("first.json").toFile());
    assertThat(summary.get("exit_code").asInt()).isZero();
    assertThat(summary.get("jobs")).hasSize(6);
  }

  @Test
  void timeTravelReadsTheFirstRunsSnapshotThroughGlue() throws Exception {
    assertThat(secondRun.exitCode()).as(secondRun.stderr()).isZero();
    Finished snapshots =
        silver(
            withGlue(
                "sql",
                "--format",
                "tsv",
                "SELECT snapshot_id, summary['silver.run-id'] FROM silver.fact_orders.snapshots"
                    + " ORDER BY committed_at"));
    assertThat(snapshots.exitCode()).as(snapshots.stderr()).isZero();
    List<String> lines = snapshots.stdout().lines().skip(1).collect(Collectors.toList());
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    String first = lines.get(0).split("\t")[0];
    long publishedFirst = silverRows("fact_orders");
    Finished then =
        silver(
            withGlue(
                "sql",
                "--format",
                "tsv",
                "SELECT count(*) FROM silver.fact_orders VERSION AS OF " + first));
    assertThat(then.exitCode()).as(then.stderr()).isZero();
    assertThat(then.stdout().lines().skip(1).findFirst()).hasValue(String.valueOf(publishedFirst));
  }

  @Test
  void aRunTheGateHoldsLeavesMainAsItWasAndExitsThree() {
    assertThat(heldRun.exitCode()).as(heldRun.stderr()).isEqualTo(3);
    assertThat(heldRun.stdout()).contains("GATE FAILED");
    assertThat(heldRun.stdout() + heldRun.stderr()).contains("Silver is unchanged");
  }

  @Test
  void maintenanceCompactsAndExpiresThroughGlue() {
    assertThat(maintenance.exitCode()).as(maintenance.stderr()).isZero();
    assertThat(maintenance.stdout()).contains("fact_orders").doesNotContain("FAILED");
  }

  /**
   * {@code run --incremental} as a Glue job runs it: state tables in the Glue catalog, Bronze and
   * warehouse on S3. The first run has no state and rebuilds; the second reads only the files that
   * arrived since, and Silver then equals a full rebuild ({@code verify}). The IAM check below
   * covers these runs' calls too, and maintenance ran on their state.
   */
  @Test
  void incrementalRunsApplyOnlyNewFilesThroughGlueAndEqualAFullRebuild() throws Exception {
    assertThat(firstIncremental.exitCode()).as(firstIncremental.stderr()).isZero();
    assertThat(firstIncremental.stderr()).contains("full rebuild: no incremental state yet");
    JsonNode first = onlyJobOf("first-incremental.json");
    assertThat(first.get("mode").asText()).isEqualTo("full_rebuild");
    assertThat(first.get("full_rebuild_reason").asText()).isEqualTo("no incremental state yet");
    JsonNode second = onlyJobOf("second-incremental.json");
    assertThat(second.get("mode").asText()).isEqualTo("incremental");
    assertThat(second.has("full_rebuild_reason")).isFalse();
    assertThat(second.get("bronze_files").asInt()).isEqualTo(deliveredItemFiles);
    assertThat(delivered).as("new CDC files delivered").isPositive();
    assertThat(secondIncremental.exitCode()).as(secondIncremental.stderr()).isZero();
    assertThat(secondIncremental.stderr())
        .contains("reading " + delivered + " new Bronze files")
        .doesNotContain("full rebuild");
    assertThat(verified.exitCode()).as(verified.stdout() + verified.stderr()).isZero();
    assertThat(verified.stdout())
        .contains("Silver is what a full rebuild of Bronze would publish now.");
    assertThat(moto.glue().getTables(request -> request.databaseName("silver")).tableList())
        .extracting(Table::name)
        .contains(
            "silver_state_fact_order_items",
            "silver_state_fact_order_items__files",
            "silver_state_fact_order_items__fact_orders");
  }

  /**
   * Least privilege, proven: every action the runs, the held run and maintenance sent (Glue, S3,
   * CloudWatch) is allowed by the job role's policy as infra/iam.tf renders it for this deployment,
   * on the resource it was sent for.
   */
  @Test
  void theJobRoleAllowsEveryCallTheRunsMadeAndNoMore() throws Exception {
    Map<String, String> deployment = new LinkedHashMap<>();
    deployment.put("data.aws_partition.current.partition", "aws");
    deployment.put("data.aws_caller_identity.current.account_id", MotoServer.ACCOUNT);
    deployment.put("var.region", MotoServer.REGION);
    deployment.put("var.bronze_bucket", "bronze");
    deployment.put("var.bronze_prefix", "raw");
    deployment.put("var.warehouse_bucket", "lake");
    deployment.put("var.warehouse_prefix", "wh");
    deployment.put("var.artifacts_bucket", "artifacts");
    deployment.put("var.environment", "ci");
    deployment.put("var.metrics_namespace", "SilverLakehouse");
    deployment.put("aws_glue_catalog_database.silver.name", "silver");
    IamPolicy policy = IamPolicy.render(PROJECT.resolve("infra/iam.tf"), "glue_jobs", deployment);

    assertThat(calls).isNotEmpty();
    List<String> refused = new ArrayList<>();
    TreeSet<String> used = new TreeSet<>();
    for (RecordedCall call : calls) {
      used.add(call.action());
      String refusal = policy.refusal(call);
      if (refusal != null) {
        refused.add(refusal);
      }
    }
    assertThat(refused).as("calls the job role would refuse").isEmpty();
    TreeSet<String> granted = new TreeSet<>(policy.actions());
    granted.removeAll(used);
    Files.writeString(
        folder.resolve("least-privilege.txt"),
        "used: " + used + "\ngranted, not used here: " + granted + "\n",
        StandardCharsets.UTF_8);
    System.out.println("GlueCatalogIT recorded actions: " + used);
    System.out.println("GlueCatalogIT granted but not used here: " + granted);
    assertThat(used)
        .contains(
            "glue:GetDatabases",
            "glue:CreateTable",
            "glue:UpdateTable",
            "s3:GetObject",
            "s3:PutObject",
            "s3:ListBucket",
            "s3:DeleteObject",
            "cloudwatch:PutMetricData");
  }

  @Test
  void aGlueEndpointThatIsDownStopsTheRunNamingItAndWritesNothing() throws Exception {
    int closed = TestS3.freePort();
    Finished down =
        SilverProcess.run(
            folder,
            PROJECT,
            moto.environment(),
            "run",
            "--job",
            "fact_orders",
            "--bronze",
            BRONZE,
            "--warehouse",
            "s3://lake/down",
            "--catalog",
            "glue",
            "--glue-endpoint",
            "http://127.0.0.1:" + closed,
            "--s3-endpoint",
            moto.endpoint());

    assertThat(down.exitCode()).as("unavailable: " + down.stderr()).isEqualTo(4);
    assertThat(down.stderr())
        .contains(
            "Cannot connect to the catalog the Glue Data Catalog at http://127.0.0.1:" + closed);
    assertThat(
            moto.s3().listObjectsV2(request -> request.bucket("lake").prefix("down/")).contents())
        .isEmpty();
  }

  private static long silverRows(String table) throws Exception {
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("first.json").toFile());
    for (JsonNode job : summary.get("jobs")) {
      if (job.get("table").asText().equals(table)) {
        return job.get("silver_rows").asLong();
      }
    }
    throw new AssertionError("No " + table + " in the first run's summary");
  }

  /** The bundled contracts, with a gate on fact_orders that no quarantined row passes. */
  private static Path strictGateContracts() throws Exception {
    Path contracts = Files.createDirectories(folder.resolve("strict-contracts"));
    for (String table : SIX) {
      Files.copy(PROJECT.resolve("jobs/" + table + ".yaml"), contracts.resolve(table + ".yaml"));
    }
    Files.writeString(
        contracts.resolve("fact_orders.yaml"),
        "gate:\n  max_quarantine_share: 0.001\n  min_rows: 1\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    return contracts;
  }

  private static String[] incrementalItems(String summaryJson) {
    return new String[] {
      "run",
      "--job",
      "fact_order_items",
      "--incremental",
      "--bronze",
      BRONZE,
      "--summary-json",
      folder.resolve(summaryJson).toString()
    };
  }

  private static JsonNode onlyJobOf(String summaryJson) throws Exception {
    JsonNode jobs = new ObjectMapper().readTree(folder.resolve(summaryJson).toFile()).get("jobs");
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /**
   * What DMS writes next: the CDC files of orders and order items from a history generated a month
   * later, uploaded beside the first history's. Returns how many files arrived, and keeps how many
   * of them are order items' in {@link #deliveredItemFiles}.
   */
  private static int deliverLaterChanges() throws Exception {
    Path later = folder.resolve("later");
    Finished generated =
        silver(
            "generate",
            "--bronze",
            later.toString(),
            "--events",
            "1500",
            "--seed",
            "7",
            "--start-date",
            "2024-02-01",
            "--cdc-days",
            "5");
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
    int files = 0;
    for (String table : List.of("orders", "order_items")) {
      Path root = later.resolve("public").resolve(table);
      List<Path> changes;
      try (Stream<Path> walk = Files.walk(root)) {
        changes =
            walk.filter(file -> file.getFileName().toString().endsWith(".parquet"))
                .filter(file -> !file.getFileName().toString().startsWith("LOAD"))
                .collect(Collectors.toList());
      }
      if (table.equals("order_items")) {
        deliveredItemFiles = changes.size();
      }
      for (Path file : changes) {
        String key = "raw/public/" + table + "/" + root.relativize(file).toString();
        moto.s3()
            .putObject(request -> request.bucket("bronze").key(key), RequestBody.fromFile(file));
        files++;
      }
    }
    return files;
  }

  private static String[] withGlue(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(
        List.of(
            "--warehouse",
            WAREHOUSE,
            "--catalog",
            "glue",
            "--glue-endpoint",
            moto.endpoint(),
            "--s3-endpoint",
            moto.endpoint()));
    return all.toArray(new String[0]);
  }

  private static Finished silver(String... arguments) throws Exception {
    return SilverProcess.run(folder, PROJECT, moto.environment(), arguments);
  }
}
