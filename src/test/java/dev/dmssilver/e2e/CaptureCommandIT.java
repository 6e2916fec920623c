package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import dev.dmssilver.testing.SilverProcess;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/silver capture} and {@code bin/silver demo --from-postgres}, as a user runs them. */
class CaptureCommandIT {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  @TempDir Path folder;

  @Test
  void captureThenRunGivesTheJobsTheirBronzeAndSaysWhatTheEndpointLeftOut() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start("shop")) {
      try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("shop"))) {
        ShopWorkload.createSchema(connection);
        ShopWorkload workload = new ShopWorkload(connection, 11);
        workload.seed(20, 10, 30);
        workload.run(200);
      }
      String bucket = folder.resolve("bucket").toString();

      SilverProcess.Finished capture =
          silver("capture", "--jdbc-url", postgres.jdbcUrl("shop"), "--bucket", bucket);
      SilverProcess.Finished run =
          silver(
              "run",
              "--job",
              "fact_orders",
              "--bronze",
              bucket + "/raw",
              "--warehouse",
              folder.resolve("warehouse").toString());

      assertThat(capture.exitCode()).as(capture.stderr()).isZero();
      assertThat(capture.stdout())
          .contains("capture through slot dms_silver")
          .containsPattern("public\\.orders +\\d+ +0 +0 +0 +0 +1")
          .contains(
              "Bronze is in " + bucket + "/raw: run the jobs with --bronze " + bucket + "/raw");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stderr())
          .contains("Bronze shape: 1 full-load files (with Op), 0 CDC files (none)")
          .contains("_dms_timestamp as string; no change sequence");
    }
  }

  @Test
  void aMisspeltEndpointSettingIsAUsageErrorListingTheKnownOnes() throws Exception {
    SilverProcess.Finished capture =
        silver(
            "capture",
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:1/none",
            "--bucket",
            folder.resolve("bucket").toString(),
            "--endpoint",
            "cdc_insert_only=true");

    assertThat(capture.exitCode()).isEqualTo(2);
    assertThat(capture.stderr())
        .contains("silver: Cannot capture: unknown S3 endpoint setting cdc_insert_only")
        .contains("cdc_inserts_only");
  }

  @Test
  void theDemoFromPostgresComparesSilverWithTheSourceRowByRow() throws Exception {
    SilverProcess.Finished demo =
        silver(
            "demo",
            "--from-postgres",
            "--source-changes",
            "300",
            "--endpoint",
            "cdc_inserts_and_updates=false",
            "--dir",
            folder.resolve("demo").toString());

    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout())
        .containsPattern(
            "Compared with the source database: source [0-9,]+ rows = silver [0-9,]+ \\+ quarantine"
                + " [0-9,]+; 0 differences");
  }

  private SilverProcess.Finished silver(String... arguments) throws Exception {
    return SilverProcess.run(folder, PROJECT, Map.of(), arguments);
  }
}
