package dev.dmssilver.cli;

import dev.dmssilver.SilverException;
import dev.dmssilver.capture.Capture;
import dev.dmssilver.capture.CaptureReport;
import dev.dmssilver.capture.CaptureSettings;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.dms.DmsEndpointSettings;
import dev.dmssilver.lakehouse.ObjectStoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "capture",
    description = {
      "Capture a PostgreSQL database into Bronze as an AWS DMS full-load-and-CDC task with an S3"
          + " target would: a logical replication slot (test_decoding), the full load from the"
          + " slot's snapshot, then CDC files. Each run writes the changes committed since the"
          + " last one.",
      "The endpoint defaults to the seed platform's; set yours by DMS's own names."
    },
    mixinStandardHelpOptions = true)
final class CaptureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ObjectStoreOptions objectStore;

  @Option(
      names = "--jdbc-url",
      required = true,
      paramLabel = "URL",
      description =
          "The source database, e.g. jdbc:postgresql://host:5432/shop?user=dms. A password comes"
              + " from PGPASSWORD if the URL has none.")
  String jdbcUrl;

  @Option(
      names = "--bucket",
      required = true,
      paramLabel = "URI",
      description =
          "The S3 target's bucket: s3://bucket, or a local folder standing for it. Tables go to"
              + " <bucket>/<bucket_folder>/<schema>/<table>/.")
  String bucket;

  @Option(
      names = "--endpoint",
      paramLabel = "NAME=VALUE",
      description =
          "An S3 endpoint setting by DMS's name, e.g. cdc_inserts_and_updates=false or"
              + " ParquetTimestampInMillisecond=false; repeat for several. Applied over"
              + " --endpoint-settings, or over the seed's endpoint.")
  Map<String, String> endpointSettings = new LinkedHashMap<>();

  @Option(
      names = "--endpoint-settings",
      paramLabel = "FILE",
      description =
          "A JSON file of S3 endpoint settings: the S3Settings that 'aws dms describe-endpoints'"
              + " prints for your target. Unset settings take DMS's defaults.")
  Path endpointFile;

  @Option(
      names = "--change-sequence-column",
      paramLabel = "NAME",
      description =
          "Add AR_H_CHANGE_SEQ under this name, as a task's transformation rule would. Default:"
              + " none, as in the seed's task.")
  String changeSequenceColumn;

  @Option(
      names = "--slot",
      paramLabel = "NAME",
      defaultValue = CaptureSettings.SLOT_DEFAULT,
      description = "The logical replication slot. Default: ${DEFAULT-VALUE}.")
  String slot;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "A source schema to capture; repeat for several. Default: public.")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--tables",
      paramLabel = "NAME",
      split = ",",
      description = "Only these tables (name or schema.name). Default: every table of the schemas.")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--reload",
      description =
          "Take a new full load through a new slot, as a DMS task restarted with reload-target."
              + " The new LOAD files replace the old ones; CDC files stay.")
  boolean reload;

  @Option(
      names = "--batch-changes",
      paramLabel = "N",
      defaultValue = "" + CaptureSettings.BATCH_CHANGES_DEFAULT,
      description =
          "Changes read per batch before its files are written. Default: ${DEFAULT-VALUE}.")
  int batchChanges;

  @Override
  public Integer call() {
    CaptureSettings settings;
    try {
      settings =
          new CaptureSettings(
              jdbcUrl,
              bucket,
              endpoint(),
              Optional.ofNullable(changeSequenceColumn),
              slot,
              schemas.isEmpty()
                  ? Collections.singletonList(CaptureSettings.SCHEMA_DEFAULT)
                  : schemas,
              tables,
              reload,
              batchChanges);
    } catch (IllegalArgumentException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot capture: " + e.getMessage(), e);
    }
    Configuration conf = new Configuration();
    ObjectStoreSettings store = objectStore.settings();
    store.hadoopProperties().forEach(conf::set);
    ObjectStoreSettings.s3SchemeFileSystem(conf.get(ObjectStoreSettings.S3_SCHEME_FILE_SYSTEM))
        .forEach(conf::set);
    CaptureReport report =
        new Capture(
                conf,
                settings,
                message -> spec.commandLine().getErr().println("capture: " + message))
            .run();
    spec.commandLine().getOut().print(report.render());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private DmsEndpoint endpoint() {
    if (endpointFile != null) {
      return DmsEndpointSettings.fromJson(endpointFile, endpointSettings);
    }
    return DmsEndpointSettings.seedWith(endpointSettings);
  }
}
