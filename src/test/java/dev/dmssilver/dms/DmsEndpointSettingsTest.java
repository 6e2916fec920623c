package dev.dmssilver.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmsEndpointSettingsTest {
  @Test
  void theSeedsEndpointIsTheOneInItsTerraform() {
    assertThat(DmsEndpoint.seed().toString())
        .isEqualTo(
            "bucket_folder=raw compression_type=GZIP parquet_version=parquet-2-0"
                + " parquet_timestamp_in_millisecond=true timestamp_column_name=_dms_timestamp"
                + " include_op_for_full_load=true cdc_inserts_only=false"
                + " cdc_inserts_and_updates=true date_partition_enabled=true"
                + " date_partition_sequence=YYYYMMDD date_partition_delimiter=SLASH"
                + " date_partition_timezone=UTC use_task_start_time_for_full_load_timestamp=false"
                + " cdc_max_batch_interval=60");
    assertThat(DmsEndpoint.seed().writesDeletes()).isFalse();
  }

  @Test
  void settingsAreTakenInTerraformsOrTheApisSpelling() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cdc_inserts_and_updates", "false");
    settings.put("ParquetTimestampInMillisecond", "n");
    settings.put("DatePartitionSequence", "yyyymmddhh");

    DmsEndpoint endpoint = DmsEndpointSettings.seedWith(settings);

    assertThat(endpoint.writesDeletes()).isTrue();
    assertThat(endpoint.timestampKind()).isEqualTo(DmsColumn.Kind.TIMESTAMP_MICROS);
    assertThat(endpoint.toString()).contains("date_partition_sequence=YYYYMMDDHH");
  }

  @Test
  void anEndpointsS3SettingsFromDescribeEndpointsStartFromDmsDefaults(@TempDir Path folder)
      throws Exception {
    Path json = folder.resolve("s3.json");
    Files.writeString(
        json,
        "{\"S3Settings\": {\"BucketName\": \"edp-prod-bronze\", \"BucketFolder\": \"raw\","
            + " \"ServiceAccessRoleArn\": \"arn:aws:iam::1:role/dms\", \"CdcInsertsOnly\": false,"
            + " \"IncludeOpForFullLoad\": false, \"DataFormat\": \"parquet\","
            + " \"CompressionType\": \"NONE\", \"TimestampColumnName\": \"\"}}");

    DmsEndpoint endpoint =
        DmsEndpointSettings.fromJson(json, Map.of("timestamp_column_name", "TS"));

    assertThat(endpoint.bucketFolder()).isEqualTo("raw");
    assertThat(endpoint.fullLoadHasOp()).isFalse();
    assertThat(endpoint.writesDeletes()).isTrue();
    assertThat(endpoint.timestampColumn()).contains("TS");
    assertThat(endpoint.toString()).contains("date_partition_enabled=false");
  }

  @Test
  void anUnknownSettingIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("cdc_insert_only", "true")))
        .hasMessageStartingWith("unknown S3 endpoint setting cdc_insert_only; known settings are")
        .hasMessageContaining("cdc_inserts_only");
  }

  @Test
  void settingsWhoseOutputIsNotEmulatedAreRefused() {
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("data_format", "csv")))
        .hasMessage("data_format is 'csv': this emulation writes Parquet only");
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("preserve_transactions", "y")))
        .hasMessageContaining("preserve_transactions=true writes transaction files");
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("include_op_for_full_load", "1")))
        .hasMessage("include_op_for_full_load is '1', expected true or false");
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("compression_type", "snappy")))
        .hasMessage("compression_type is 'snappy', expected one of [NONE, GZIP]");
  }

  @Test
  void insertsOnlyAndInsertsAndUpdatesCannotBothBeSetAsDmsRefusesIt() {
    assertThatThrownBy(() -> DmsEndpointSettings.seedWith(Map.of("cdc_inserts_only", "true")))
        .hasMessage("cdc_inserts_only and cdc_inserts_and_updates cannot both be true");
  }
}
