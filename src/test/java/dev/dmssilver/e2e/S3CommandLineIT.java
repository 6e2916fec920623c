package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.SilverProcess.Finished;
import dev.dmssilver.testing.TestS3;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/silver against a real S3 server, as a user runs it: credentials in AWS_* environment
 * variables, never in flags. Covers the README's S3 setup and what bad storage settings get.
 */
class S3CommandLineIT {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  @TempDir static Path folder;
  private static TestS3 s3;
  private static LocalPostgres postgres;

  @BeforeAll
  static void startServers() throws Exception {
    s3 = TestS3.start(folder);
    s3.createBucket("bronze");
    s3.createBucket("lake");
    postgres = LocalPostgres.start("silver", Map.of());
    Finished generated =
        silver(
            credentials(),
            "generate",
            "--bronze",
            "s3://bronze/raw",
            "--events",
            "5000",
            "--s3-endpoint",
            s3.endpoint());
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
  }

  @AfterAll
  static void stopServers() {
    if (postgres != null) {
      postgres.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void allSixJobsRunOnS3AndTheSqlCommandReadsEveryTableWithTheSameFlags() throws Exception {
    Finished run =
        silver(
            credentials(),
            "run",
            "--all",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/warehouse",
            "--catalog",
            "jdbc:sqlite:catalog.db",
            "--s3-endpoint",
            s3.endpoint());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).doesNotContain("FAILED");
    Finished counts =
        silver(
            credentials(),
            "sql",
            "--warehouse",
            "s3://lake/warehouse",
            "--catalog",
            "jdbc:sqlite:catalog.db",
            "--s3-endpoint",
            s3.endpoint(),
            "--format",
            "tsv",
            "SELECT 'dim_customer' AS t, count(*) AS n FROM silver.dim_customer"
                + " UNION ALL SELECT 'dim_product', count(*) FROM silver.dim_product"
                + " UNION ALL SELECT 'fact_orders', count(*) FROM silver.fact_orders"
                + " UNION ALL SELECT 'fact_order_items', count(*) FROM silver.fact_order_items"
                + " UNION ALL SELECT 'fact_payments', count(*) FROM silver.fact_payments"
                + " UNION ALL SELECT 'fact_shipments', count(*) FROM silver.fact_shipments"
                + " UNION ALL SELECT 'quarantine', count(*) FROM silver.quarantine");

    assertThat(counts.exitCode()).as(counts.stderr()).isZero();
    Map<String, String> silverRows = new HashMap<>();
    counts
        .stdout()
        .lines()
        .skip(1)
        .forEach(line -> silverRows.put(line.split("\t")[0], line.split("\t")[1]));
    for (String table :
        List.of(
            "dim_customer",
            "dim_product",
            "fact_orders",
            "fact_order_items",
            "fact_payments",
            "fact_shipments")) {
      assertThat(run.stdout())
          .containsPattern(
              table + " +[0-9,]+ +[0-9,]+ +[0-9,]+ +" + thousands(silverRows.get(table)) + " ");
    }
    assertThat(s3.keys("lake", "warehouse/silver/"))
        .anyMatch(key -> key.endsWith(".metadata.json"))
        .anyMatch(key -> key.endsWith(".parquet"));
    assertThat(run.stderr() + run.stdout()).doesNotContain(TestS3.SECRET_KEY);
  }

  @Test
  void anUnreachableEndpointStopsTheRunInSecondsNamingIt() throws Exception {
    int closed = TestS3.freePort();
    Instant started = Instant.now();

    Finished result =
        silver(
            credentials(),
            "run",
            "--all",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/unreachable",
            "--catalog",
            "jdbc:sqlite:unreachable.db",
            "--s3-endpoint",
            "http://127.0.0.1:" + closed);

    assertThat(result.exitCode()).as("unavailable: " + result.stderr()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("Cannot use the warehouse s3://lake/unreachable at http://127.0.0.1:" + closed)
        .contains("cannot reach it");
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
    assertThat(s3.keys("lake", "unreachable")).isEmpty();
  }

  @Test
  void wrongCredentialsStopTheRunNamingTheEndpoint() throws Exception {
    Map<String, String> wrong = credentials();
    wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

    Finished result =
        silver(
            wrong,
            "run",
            "--all",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/wrong-credentials",
            "--catalog",
            "jdbc:sqlite:wrong.db",
            "--s3-endpoint",
            s3.endpoint());

    assertThat(result.exitCode()).as("bad settings: " + result.stderr()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("Cannot use the warehouse s3://lake/wrong-credentials at " + s3.endpoint())
        .contains("access denied")
        .contains("allow s3:ListBucket on arn:aws:s3:::lake");
    assertThat(result.stderr() + result.stdout()).doesNotContain("not-the-secret");
    assertThat(s3.keys("lake", "wrong-credentials")).isEmpty();
  }

  @Test
  void aMissingBucketStopsTheRunNamingIt() throws Exception {
    Finished result =
        silver(
            credentials(),
            "run",
            "--all",
            "--bronze",
            "s3://no-such-bronze/raw",
            "--warehouse",
            "s3://lake/missing-bucket",
            "--catalog",
            "jdbc:sqlite:missing.db",
            "--s3-endpoint",
            s3.endpoint());

    assertThat(result.exitCode()).as("bad settings: " + result.stderr()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("Cannot use the Bronze s3://no-such-bronze/raw at " + s3.endpoint())
        .contains("does not exist");
    assertThat(s3.keys("lake", "missing-bucket")).isEmpty();
  }

  @Test
  void aCatalogThatDoesNotConnectStopsTheRunNamingItsUrlButNotItsPassword() throws Exception {
    int closed = TestS3.freePort();
    String url = "jdbc:postgresql://127.0.0.1:" + closed + "/silver?user=silver&password=hunter2";

    Finished result =
        silver(
            credentials(),
            "run",
            "--all",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/no-catalog",
            "--catalog",
            url,
            "--s3-endpoint",
            s3.endpoint());

    assertThat(result.exitCode()).as("unavailable: " + result.stderr()).isEqualTo(4);
    assertThat(result.stderr())
        .contains(
            "Cannot connect to the catalog jdbc:postgresql://127.0.0.1:"
                + closed
                + "/silver?user=silver&password=***")
        .contains("Connection refused");
    assertThat(result.stderr() + result.stdout()).doesNotContain("hunter2");
    assertThat(s3.keys("lake", "no-catalog")).isEmpty();
  }

  @Test
  void aLocalCatalogForAnS3WarehouseIsRefusedWithAdviceOnWhatToChoose() throws Exception {
    Finished result =
        silver(
            credentials(),
            "run",
            "--all",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/trap",
            "--s3-endpoint",
            s3.endpoint());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("Cannot use --catalog local with the S3 warehouse s3://lake/trap")
        .contains("--catalog glue")
        .contains("jdbc:postgresql://");
  }

  @Test
  void thePostgresCatalogWorksFromTheCommandLineAndItsPasswordNeverShowsEvenVerbose()
      throws Exception {
    // The test server trusts every login, so any password works: it must never be printed.
    String catalog = postgres.jdbcUrl("silver") + "&password=never-print-me";
    Finished run =
        silver(
            credentials(),
            "run",
            "--job",
            "dim_product",
            "--verbose",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/warehouse-pg",
            "--catalog",
            catalog,
            "--s3-endpoint",
            s3.endpoint());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout() + run.stderr())
        .contains("INFO")
        .doesNotContain("never-print-me")
        .doesNotContain(TestS3.SECRET_KEY);

    Finished tables =
        silver(
            credentials(),
            "sql",
            "--warehouse",
            "s3://lake/warehouse-pg",
            "--catalog",
            postgres.jdbcUrl("silver"),
            "--s3-endpoint",
            s3.endpoint(),
            "--format",
            "tsv",
            "SHOW TABLES IN silver");

    assertThat(tables.exitCode()).as(tables.stderr()).isZero();
    assertThat(tables.stdout()).contains("silver\tdim_product").contains("silver\tquarantine");
  }

  private static String thousands(String number) {
    return String.format("%,d", Long.parseLong(number));
  }

  private static Map<String, String> credentials() {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", TestS3.ACCESS_KEY);
    environment.put("AWS_SECRET_ACCESS_KEY", TestS3.SECRET_KEY);
    environment.put("AWS_REGION", TestS3.REGION);
    return environment;
  }

  private static Finished silver(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    return SilverProcess.run(folder, folder, environment, arguments);
  }
}
