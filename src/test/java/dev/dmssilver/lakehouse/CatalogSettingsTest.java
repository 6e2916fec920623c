package dev.dmssilver.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Spark and Iceberg configuration each setup produces, checked as data. */
class CatalogSettingsTest {
  @Test
  void theGlueCatalogIsIcebergsGlueCatalogOverS3FileIo() {
    CatalogSettings glue =
        new CatalogSettings(
            "s3://acme-lake/warehouse/",
            "glue",
            "silver",
            "lakehouse",
            ObjectStoreSettings.aws("eu-west-1"));

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("spark.sql.catalog.lakehouse", "org.apache.iceberg.spark.SparkCatalog");
    expected.put("spark.sql.catalog.lakehouse.warehouse", "s3://acme-lake/warehouse");
    expected.put(
        "spark.sql.catalog.lakehouse.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
    expected.put("spark.sql.catalog.lakehouse.io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    expected.put("spark.sql.catalog.lakehouse.client.region", "eu-west-1");
    expected.put("spark.sql.catalog.lakehouse.http-client.apache.connection-timeout-ms", "5000");
    assertThat(glue.sparkProperties()).containsExactlyEntriesOf(expected);
    assertThat(glue.kind()).isEqualTo(CatalogSettings.Kind.GLUE);
    assertThat(glue.qualified("fact_orders")).isEqualTo("lakehouse.silver.fact_orders");
    assertThat(glue.describe()).isEqualTo("the Glue Data Catalog in eu-west-1");
  }

  @Test
  void onGlueTheSessionKeepsGluesOwnS3FileSystemAndSetsTheRequiredSemantics() {
    assertThat(ObjectStoreSettings.s3SchemeFileSystem("com.amazon.ws.emr.hadoop.fs.EmrFileSystem"))
        .isEmpty();
    assertThat(SparkSessions.requiredProperties())
        .containsEntry(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .containsEntry("spark.sql.session.timeZone", "UTC")
        .containsEntry("spark.sql.sources.partitionOverwriteMode", "static");
  }

  @Test
  void offGlueS3UrisAreReadThroughS3a() {
    assertThat(ObjectStoreSettings.s3SchemeFileSystem(null))
        .containsExactly(Map.entry("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"));
  }

  @Test
  void anS3CompatibleServerMeansAnEndpointAndPathStyleAccessForIcebergAndS3a() {
    CatalogSettings catalog =
        new CatalogSettings(
            "s3a://lake/warehouse",
            "jdbc:sqlite:catalog.db",
            "silver",
            "lakehouse",
            ObjectStoreSettings.of("http://127.0.0.1:9000", null));

    assertThat(catalog.warehouse()).isEqualTo("s3://lake/warehouse");
    assertThat(catalog.sparkProperties())
        .containsEntry(
            "spark.sql.catalog.lakehouse.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .containsEntry("spark.sql.catalog.lakehouse.uri", "jdbc:sqlite:catalog.db")
        .containsEntry("spark.sql.catalog.lakehouse.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("spark.sql.catalog.lakehouse.s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.sql.catalog.lakehouse.s3.path-style-access", "true")
        .doesNotContainKey("spark.sql.catalog.lakehouse.client.region");
    assertThat(catalog.objectStore().hadoopProperties())
        .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("fs.s3a.path.style.access", "true")
        .containsEntry("fs.s3a.connection.ssl.enabled", "false")
        .containsEntry(
            "fs.s3a.aws.credentials.provider",
            "com.amazonaws.auth.DefaultAWSCredentialsProviderChain")
        .doesNotContainKeys("fs.s3a.access.key", "fs.s3a.secret.key");
  }

  @Test
  void aLocalWarehouseUsesASqliteFileInsideItAndHadoopFileIo() {
    CatalogSettings local = CatalogSettings.local("target/some-warehouse");
    String warehouse = new File("target/some-warehouse").getAbsolutePath();

    assertThat(local.sparkProperties())
        .containsEntry(
            "spark.sql.catalog.lakehouse.uri", "jdbc:sqlite:" + warehouse + "/catalog.db")
        .containsEntry("spark.sql.catalog.lakehouse.warehouse", warehouse)
        .containsEntry("spark.sql.catalog.lakehouse.jdbc.busy_timeout", "60000")
        .doesNotContainKey("spark.sql.catalog.lakehouse.io-impl");
  }

  @Test
  void aPostgresCatalogFailsFastAndNeverShowsItsPassword() {
    CatalogSettings postgres =
        new CatalogSettings(
            "s3://lake/w",
            "jdbc:postgresql://db:5432/iceberg?user=u&password=s3cret",
            "silver",
            "lakehouse",
            ObjectStoreSettings.defaults());

    assertThat(postgres.sparkProperties())
        .containsEntry("spark.sql.catalog.lakehouse.jdbc.connectTimeout", "10");
    assertThat(postgres.describe())
        .isEqualTo("jdbc:postgresql://db:5432/iceberg?user=u&password=***");
    assertThat(CatalogSettings.redacted("jdbc:postgresql://u:pw@db/x"))
        .isEqualTo("jdbc:postgresql://u:***@db/x");
  }

  @Test
  void aLocalCatalogForAnS3WarehouseIsRefusedWithAdvice() {
    assertThatThrownBy(() -> new CatalogSettings("s3://lake/w", "local", "silver", "lakehouse"))
        .isInstanceOf(SilverException.class)
        .hasMessageContaining("Cannot use --catalog local with the S3 warehouse s3://lake/w")
        .hasMessageContaining("--catalog glue")
        .hasMessageContaining("--catalog jdbc:postgresql://host/db")
        .hasMessageContaining("--catalog jdbc:sqlite:/path/catalog.db");
  }

  @Test
  void hostileDatabaseAndCatalogNamesNeverReachSql() {
    assertThatThrownBy(
            () -> new CatalogSettings("/tmp/w", "local", "silver; DROP TABLE x", "lakehouse"))
        .hasMessageContaining("Cannot use database 'silver; DROP TABLE x'");
    assertThatThrownBy(() -> new CatalogSettings("/tmp/w", "local", "silver`.`x", "lakehouse"))
        .hasMessageContaining("Cannot use database 'silver`.`x'");
    assertThatThrownBy(() -> new CatalogSettings("/tmp/w", "local", "silver", "lake house"))
        .hasMessageContaining("Cannot use catalog name 'lake house'");
    assertThatThrownBy(() -> CatalogSettings.local("/tmp/w").qualified("orders; --"))
        .hasMessageContaining("Cannot use table name 'orders; --'");
  }

  @Test
  void theGlueCatalogNeedsAnS3Warehouse() {
    assertThatThrownBy(() -> new CatalogSettings("/tmp/warehouse", "glue", "silver", "lakehouse"))
        .hasMessageContaining("--warehouse must be an s3:// URI");
  }

  @Test
  void anUnknownCatalogIsRefusedWithoutEchoingSecrets() {
    assertThatThrownBy(
            () -> new CatalogSettings("/tmp/w", "postgres://x?password=pw", "silver", "lakehouse"))
        .hasMessage(
            "Cannot use --catalog postgres://x?password=***: expected local, glue or jdbc:<url>");
  }

  @Test
  void anEndpointMustBeAnHttpUrl() {
    assertThatThrownBy(() -> ObjectStoreSettings.of("127.0.0.1:9000", null))
        .hasMessage("Cannot use --s3-endpoint 127.0.0.1:9000: expected an http:// or https:// URL");
    assertThat(ObjectStoreSettings.of("https://s3.vpce.example.com/", null).hadoopProperties())
        .containsEntry("fs.s3a.endpoint", "https://s3.vpce.example.com")
        .containsEntry("fs.s3a.connection.ssl.enabled", "true");
  }

  @Test
  void theGlueEndpointGoesToIcebergsGlueClientAndIntoMessagesAndOnlyWithGlue() {
    CatalogSettings glue =
        new CatalogSettings(
                "s3://lake/wh", "glue", "silver", "lakehouse", ObjectStoreSettings.aws("us-east-1"))
            .withGlueEndpoint("http://127.0.0.1:5000");

    assertThat(glue.sparkProperties())
        .containsEntry("spark.sql.catalog.lakehouse.glue.endpoint", "http://127.0.0.1:5000");
    assertThat(glue.describe()).isEqualTo("the Glue Data Catalog at http://127.0.0.1:5000");
    assertThatThrownBy(() -> CatalogSettings.local("/tmp/wh").withGlueEndpoint("http://x:1"))
        .isInstanceOf(SilverException.class)
        .hasMessage("Cannot use --glue-endpoint http://x:1 without --catalog glue");
    assertThatThrownBy(
            () ->
                new CatalogSettings("s3://lake/wh", "glue", "silver", "lakehouse")
                    .withGlueEndpoint("127.0.0.1:5000"))
        .hasMessageContaining("expected an http:// or https:// URL");
  }
}
