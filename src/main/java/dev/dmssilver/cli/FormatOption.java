package dev.dmssilver.cli;

import picocli.CommandLine.Option;

/** {@code --format}: how a command that prints query results prints them. */
final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|tsv|json",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;
}
