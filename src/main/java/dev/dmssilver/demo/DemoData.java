package dev.dmssilver.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;

/** Runs the generator and says what it wrote; shared by the demo and generate commands. */
public final class DemoData {
  private DemoData() {}

  public static DemoSummary generate(String bronze, DemoOptions options, PrintWriter err) {
    return generate(bronze, options, new Configuration(), err);
  }

  /** Generates into any Hadoop location: {@code conf} carries the S3A settings for s3:// ones. */
  public static DemoSummary generate(
      String bronze, DemoOptions options, Configuration conf, PrintWriter err) {
    err.printf(
        "silver: generating about %,d DMS events (seed %d, from %s) into %s%n",
        options.events(), options.seed(), options.start(), bronze);
    err.flush();
    Instant started = Instant.now();
    DemoSummary summary = DemoGenerator.generate(conf, bronze, options);
    err.printf(
        "silver: wrote %,d events (%,d in full loads) in %,d files for %d tables in %.1f s%n",
        summary.events(),
        summary.fullLoadEvents(),
        summary.files(),
        summary.eventsByTable().size(),
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
    err.flush();
    return summary;
  }
}
