package dev.dmssilver.cli;

import dev.dmssilver.lakehouse.WriteSettings;
import picocli.CommandLine.Option;

/** How the jobs lay out Silver and quarantine files; unset, each table's properties decide. */
final class WriteOptions {
  private static final long MEBIBYTE = 1024L * 1024;

  @Option(
      names = "--write-distribution",
      paramLabel = "MODE",
      description = {
        "Iceberg write distribution: none (no shuffle; each task writes the partitions it",
        "holds), hash (one writer per partition: fewest files) or range (even tasks when months",
        "are skewed). Default: the table's write.distribution-mode, hash."
      })
  WriteSettings.Distribution distribution;

  @Option(
      names = "--target-file-size-mb",
      paramLabel = "MB",
      description =
          "Target size of the data files a run writes. Default: the table's"
              + " write.target-file-size-bytes, 512 MB.")
  Long targetFileSizeMb;

  WriteSettings settings() {
    return new WriteSettings(
        distribution, targetFileSizeMb == null ? null : targetFileSizeMb * MEBIBYTE);
  }
}
