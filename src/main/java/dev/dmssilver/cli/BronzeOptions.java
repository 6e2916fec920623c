package dev.dmssilver.cli;

import dev.dmssilver.bronze.BronzeSettings;
import picocli.CommandLine.Option;

/** How the DMS endpoint that wrote Bronze was configured. */
final class BronzeOptions {
  @Option(
      names = "--bronze",
      required = true,
      paramLabel = "URI",
      description = "The DMS target folder (the endpoint's BucketFolder): <schema>/<table>/ below.")
  String bronze;

  @Option(
      names = "--bronze-schema",
      defaultValue = BronzeSettings.SCHEMA_DEFAULT,
      paramLabel = "NAME",
      description = "Source schema folder under --bronze. Default: ${DEFAULT-VALUE}.")
  String schema;

  @Option(
      names = "--timestamp-column",
      defaultValue = BronzeSettings.TIMESTAMP_COLUMN_DEFAULT,
      paramLabel = "NAME",
      description = "The endpoint's TimestampColumnName. Default: ${DEFAULT-VALUE}.")
  String timestampColumn;

  @Option(
      names = "--change-seq-column",
      defaultValue = BronzeSettings.CHANGE_SEQUENCE_COLUMN_DEFAULT,
      paramLabel = "NAME",
      description =
          "Column holding AR_H_CHANGE_SEQ, if a transformation rule adds it."
              + " Default: ${DEFAULT-VALUE}.")
  String changeSequenceColumn;

  BronzeSettings settings() {
    return new BronzeSettings(bronze, schema, timestampColumn, changeSequenceColumn);
  }
}
