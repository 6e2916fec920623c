package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.capture.Capture;
import dev.dmssilver.capture.CaptureListener;
import dev.dmssilver.capture.CaptureSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.demo.GeneratedShop;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.dms.DmsEndpointSettings;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.ObjectStoreSettings;
import dev.dmssilver.lakehouse.SparkSessions;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.source.ShopWorkload;
import dev.dmssilver.testing.SnapshotHistory;
import dev.dmssilver.testing.SourceOracle;
import dev.dmssilver.testing.TestS3;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All six jobs on s3:// Bronze and an s3:// warehouse, against a real S3 server (MinIO with Docker,
 * S3Proxy without), with the JDBC catalog on SQLite and on PostgreSQL 15. Bronze is read through
 * S3A, Iceberg data and metadata go through S3FileIO, and every table is compared whole with the
 * generator's source database.
 */
class S3EndToEndIT {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  @TempDir static Path folder;
  private static TestS3 s3;
  private static LocalPostgres postgres;
  private static GeneratedShop shop;
  private static Contracts contracts;
  private static SparkSession spark;

  @BeforeAll
  static void startServersAndUploadBronze() {
    spark = TestSpark.session();
    s3 = TestS3.start(folder);
    System.out.println("S3 server for this suite: " + s3.kind() + " at " + s3.endpoint());
    s3.useCredentialsInThisJvm();
    s3.createBucket("bronze");
    s3.createBucket("lake");
    Path localBronze = folder.resolve("bronze");
    shop =
        DemoGenerator.generateShop(
            new Configuration(), localBronze.toString(), DemoOptions.withEvents(10_000));
    s3.upload(localBronze, "bronze", "raw");
    postgres = LocalPostgres.start("silver");
    contracts = Contracts.fromDirectory(JOBS);
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
  void sixJobsOnS3WithTheJdbcCatalogOnSqlite() throws Exception {
    CatalogSettings catalog =
        lakehouse(
            "jdbc:sqlite:" + folder.resolve("catalog.db"),
            "s3://lake/warehouse-sqlite",
            "s3_sqlite");

    runAndCheck(catalog, "warehouse-sqlite");
  }

  @Test
  void sixJobsOnS3WithTheJdbcCatalogOnPostgres() throws Exception {
    // s3a:// works too, and is recorded as s3:// so that Athena can read the tables.
    CatalogSettings catalog =
        lakehouse(postgres.jdbcUrl("silver"), "s3a://lake/warehouse-postgres", "s3_postgres");

    runAndCheck(catalog, "warehouse-postgres");
  }

  /**
   * The capture writes Bronze to S3 as DMS does (the seed's bucket folder, date folders), and the
   * jobs read it there: every live source row is in Silver or quarantine.
   */
  @Test
  void aCaptureWritesBronzeToS3AndTheJobsReadItThere() throws Exception {
    s3.createBucket("captured");
    postgres.createDatabase("shop");
    ObjectStoreSettings store = ObjectStoreSettings.of(s3.endpoint(), TestS3.REGION);
    Configuration conf = new Configuration();
    store.hadoopProperties().forEach(conf::set);
    ObjectStoreSettings.s3SchemeFileSystem(conf.get(ObjectStoreSettings.S3_SCHEME_FILE_SYSTEM))
        .forEach(conf::set);
    DmsEndpoint endpoint = DmsEndpointSettings.seedWith(Map.of("cdc_inserts_and_updates", "false"));
    CaptureSettings settings =
        CaptureSettings.of(postgres.jdbcUrl("shop"), "s3://captured", endpoint).withSlot("s3_shop");
    long live;
    try (Connection source = DriverManager.getConnection(postgres.jdbcUrl("shop"))) {
      ShopWorkload.createSchema(source);
      ShopWorkload workload = new ShopWorkload(source, 3);
      workload.seed(20, 10, 20);
      new Capture(conf, settings, CaptureListener.quiet()).run();
      workload.run(150);
      new Capture(conf, settings, CaptureListener.quiet()).run();
      try (Statement statement = source.createStatement();
          ResultSet count = statement.executeQuery("SELECT count(*) FROM orders")) {
        count.next();
        live = count.getLong(1);
      }
    }

    assertThat(s3.keys("captured", "raw/public/orders/"))
        .contains("raw/public/orders/LOAD00000001.parquet")
        .anyMatch(key -> key.matches("raw/public/orders/\\d{4}/\\d\\d/\\d\\d/[0-9-]+\\.parquet"));
    CatalogSettings catalog =
        lakehouse(
            "jdbc:sqlite:" + folder.resolve("captured.db"),
            "s3://lake/warehouse-captured",
            "captured");
    JobResult orders =
        JobRuns.runAll(
                spark,
                RunSettings.of(
                    BronzeSettings.withDefaults("s3://captured/raw"), catalog, contracts),
                List.of(contracts.get("fact_orders")))
            .get(0);
    assertThat(orders.failure()).isEmpty();
    assertThat(orders.counts().get().currentRows()).isEqualTo(live);
  }

  private static CatalogSettings lakehouse(String catalogUrl, String warehouse, String name) {
    CatalogSettings catalog =
        new CatalogSettings(
            warehouse,
            catalogUrl,
            CatalogSettings.DATABASE_DEFAULT,
            name,
            ObjectStoreSettings.of(s3.endpoint(), TestS3.REGION));
    SparkSessions.register(spark, catalog);
    return catalog;
  }

  private static void runAndCheck(CatalogSettings catalog, String prefix) throws Exception {
    RunSettings settings =
        RunSettings.of(BronzeSettings.withDefaults("s3://bronze/raw"), catalog, contracts);
    List<Contract> all = new ArrayList<>(contracts.all());

    List<JobResult> results = JobRuns.runAll(spark, settings, all);

    for (JobResult result : results) {
      assertThat(result.failure()).as(result.table()).isEmpty();
    }
    SourceOracle oracle = new SourceOracle(shop);
    for (Contract contract : all) {
      assertThat(SourceOracle.actualSilver(spark, catalog.qualified(contract.table()), contract))
          .as(contract.table())
          .isEqualTo(oracle.silver(contract));
      assertThat(Spark3Util.loadIcebergTable(spark, catalog.qualified(contract.table())).location())
          .isEqualTo("s3://lake/" + prefix + "/silver/" + contract.table());
    }
    assertThat(SourceOracle.actualQuarantine(spark, catalog.qualified("quarantine")))
        .isEqualTo(oracle.quarantine(contracts));
    for (JobResult result : results) {
      String table = catalog.qualified(result.table());
      assertThat(SnapshotHistory.requireEveryCommitToBeARun(spark, table))
          .as(table + ": its first snapshot is this run's")
          .isEqualTo(result.publication().orElseThrow().silverSnapshotId());
    }
    SnapshotHistory.requireEveryCommitToBeARun(spark, catalog.qualified("quarantine"));
    List<String> keys = s3.keys("lake", prefix + "/silver/fact_orders/");
    assertThat(keys).anyMatch(key -> key.contains("/metadata/") && key.endsWith(".metadata.json"));
    assertThat(keys).anyMatch(key -> key.contains("/metadata/snap-") && key.endsWith(".avro"));
    assertThat(keys)
        .anyMatch(key -> key.contains("/data/order_date_month=") && key.endsWith(".parquet"));
  }
}
