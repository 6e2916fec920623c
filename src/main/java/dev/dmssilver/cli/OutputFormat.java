package dev.dmssilver.cli;

/** How query results are printed. */
enum OutputFormat {
  /** Aligned columns for people. */
  table,
  /** A header line, then tab-separated rows; tabs, newlines and backslashes escaped. */
  tsv,
  /** One JSON object per row (JSON Lines). */
  json
}
