package dev.dmssilver.dms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as each endpoint combination lays them out, read back from their Parquet footers. */
class DmsTargetTest {
  private static final List<DmsColumn> ORDERS =
      List.of(
          DmsColumn.of("order_id", DmsColumn.Kind.INT),
          DmsColumn.of("order_date", DmsColumn.Kind.TIMESTAMP_MICROS));
  private static final Instant COMMIT = Instant.parse("2024-02-01T04:30:00.123456Z");

  @TempDir Path bucket;

  @Test
  void theSeedsEndpointWritesOpEverywhereGzipMillisecondsAndNoDeletes() throws IOException {
    DmsTarget target = target(DmsEndpoint.seed(), Optional.empty());

    target.writeFullLoad("public", "orders", ORDERS, rows(1), row -> COMMIT, 1);
    long written =
        target.writeCdc(
            "public", "orders", ORDERS, List.of(change('U', 1), change('D', 1)), COMMIT);

    assertThat(written).isEqualTo(1);
    assertThat(files())
        .containsExactly(
            "raw/public/orders/2024/02/01/20240201-043001123.parquet",
            "raw/public/orders/LOAD00000001.parquet");
    ParquetMetadata load = footer("raw/public/orders/LOAD00000001.parquet");
    assertThat(load.getFileMetaData().getSchema().toString())
        .isEqualTo(
            "message dms {\n"
                + "  required binary Op (STRING);\n"
                + "  required binary _dms_timestamp (STRING);\n"
                + "  optional int32 order_id;\n"
                + "  optional int64 order_date (TIMESTAMP(MILLIS,true));\n"
                + "}\n");
    assertThat(load.getBlocks().get(0).getColumns().get(0).getCodec().name()).isEqualTo("GZIP");
  }

  @Test
  void fullCdcWithoutOpInTheFullLoadWritesDeletesAndMicroseconds() throws IOException {
    DmsTarget target =
        target(
            DmsEndpointSettings.seedWith(
                Map.of(
                    "cdc_inserts_and_updates", "false",
                    "include_op_for_full_load", "false",
                    "parquet_timestamp_in_millisecond", "false",
                    "bucket_folder", "")),
            Optional.of("_dms_change_seq"));

    target.writeFullLoad("public", "orders", ORDERS, rows(1), row -> COMMIT, 1);
    target.writeCdc("public", "orders", ORDERS, List.of(change('U', 1), change('D', 1)), COMMIT);

    assertThat(names(schema("public/orders/LOAD00000001.parquet")))
        .containsExactly("_dms_timestamp", "order_id", "order_date", "_dms_change_seq");
    MessageType cdc = schema("public/orders/2024/02/01/20240201-043001123.parquet");
    assertThat(names(cdc))
        .containsExactly("Op", "_dms_timestamp", "order_id", "order_date", "_dms_change_seq");
    assertThat(cdc.getType("order_date").toString())
        .isEqualTo("optional int64 order_date (TIMESTAMP(MICROS,true))");
    assertThat(rowCount("public/orders/2024/02/01/20240201-043001123.parquet")).isEqualTo(2);
  }

  @Test
  void insertsOnlyWithoutOpForFullLoadWritesNoOpColumnAndOnlyInserts() throws IOException {
    DmsTarget target =
        target(
            DmsEndpointSettings.seedWith(
                Map.of(
                    "cdc_inserts_and_updates", "false",
                    "cdc_inserts_only", "true",
                    "include_op_for_full_load", "false")),
            Optional.empty());

    target.writeCdc(
        "public",
        "orders",
        ORDERS,
        List.of(change('I', 2), change('U', 1), change('D', 1)),
        COMMIT);

    String file = "raw/public/orders/2024/02/01/20240201-043001123.parquet";
    assertThat(names(schema(file))).containsExactly("_dms_timestamp", "order_id", "order_date");
    assertThat(rowCount(file)).isEqualTo(1);
  }

  @Test
  void dateFoldersFollowTheSequenceTheDelimiterAndTheTimeZone() throws IOException {
    DmsTarget target =
        target(
            DmsEndpointSettings.seedWith(
                Map.of(
                    "date_partition_sequence", "YYYYMMDDHH",
                    "date_partition_delimiter", "DASH",
                    "date_partition_timezone", "America/New_York")),
            Optional.empty());

    target.writeCdc("public", "orders", ORDERS, List.of(change('I', 1)), COMMIT);

    // 04:30 UTC on 1 February is 23:30 on 31 January in New York.
    assertThat(files())
        .containsExactly("raw/public/orders/2024-01-31-23/20240201-043001123.parquet");
  }

  @Test
  void aFileHoldsAtMostTheBatchIntervalOfCommitsAndNamesNeverRepeat() throws IOException {
    DmsTarget target =
        target(
            DmsEndpointSettings.seedWith(Map.of("cdc_max_batch_interval", "60")), Optional.empty());
    List<DmsChange> changes = new ArrayList<>();
    for (int minute = 0; minute < 3; minute++) {
      changes.add(
          new DmsChange('I', COMMIT.plusSeconds(61L * minute), "", new Object[] {minute, COMMIT}));
    }

    target.writeCdc("public", "orders", ORDERS, changes, Instant.EPOCH);

    assertThat(files())
        .hasSize(3)
        .allMatch(name -> name.startsWith("raw/public/orders/2024/02/01/"));
    assertThat(target.filesByTable()).containsEntry("orders", 3);
  }

  @Test
  void aReloadWithFewerFilesLeavesNoOldLoadFileBehind() throws IOException {
    DmsTarget target = target(DmsEndpoint.seed(), Optional.empty());
    target.writeFullLoad("public", "orders", ORDERS, rows(1), row -> COMMIT, 1);
    target.writeFullLoad("public", "orders", ORDERS, rows(1), row -> COMMIT, 2);

    target.removeLoadFilesFrom("public", "orders", 2);

    assertThat(files()).containsExactly("raw/public/orders/LOAD00000001.parquet");
    assertThat(target.hasFullLoad("public", "orders")).isTrue();
    assertThat(target.hasFullLoad("public", "payments")).isFalse();
  }

  private DmsTarget target(DmsEndpoint endpoint, Optional<String> changeSequence) {
    return new DmsTarget(new Configuration(), bucket.toString(), endpoint, changeSequence);
  }

  private static List<Object[]> rows(int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      rows.add(new Object[] {i, COMMIT});
    }
    return rows;
  }

  private static DmsChange change(char op, int id) {
    return new DmsChange(op, COMMIT, "00000000000000000001", new Object[] {id, COMMIT});
  }

  private List<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(bucket)) {
      return walk.filter(Files::isRegularFile)
          .map(path -> bucket.relativize(path).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private ParquetMetadata footer(String file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(bucket.resolve(file).toString()),
                new Configuration()))) {
      return reader.getFooter();
    }
  }

  private MessageType schema(String file) throws IOException {
    return footer(file).getFileMetaData().getSchema();
  }

  private static List<String> names(MessageType schema) {
    return schema.getFields().stream().map(field -> field.getName()).collect(Collectors.toList());
  }

  private long rowCount(String file) throws IOException {
    return footer(file).getBlocks().stream().mapToLong(block -> block.getRowCount()).sum();
  }
}
