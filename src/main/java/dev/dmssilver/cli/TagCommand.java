package dev.dmssilver.cli;

import dev.dmssilver.SilverException;
import dev.dmssilver.audit.AuditTags;
import dev.dmssilver.audit.SnapshotSelector;
import dev.dmssilver.job.Preflight;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.maintenance.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tag",
    description = {
      "Tag a snapshot so that snapshot expiry keeps it, forever or for --retain.",
      "Read it back with: SELECT ... FROM silver.fact_orders VERSION AS OF 'NAME'."
    },
    mixinStandardHelpOptions = true)
final class TagCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TableOption table;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin EngineOptions engine;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The tag, e.g. month-end-2024-01.")
  String name;

  @Option(
      names = "--retain",
      paramLabel = "DURATION",
      description = "Keep the tag (and its snapshot) this long, e.g. 365d. Default: forever.")
  String retain;

  static final class Which {
    @Option(
        names = "--snapshot",
        required = true,
        paramLabel = "S",
        description = "A snapshot id, tag, branch or time.")
    String snapshot;

    @Option(
        names = "--as-of",
        required = true,
        paramLabel = "TIME",
        description = "The snapshot of main current at TIME (UTC), e.g. 2024-01-31T23:59:59Z.")
    String asOf;
  }

  @Override
  public Integer call() {
    Optional<Duration> retention =
        retain == null ? Optional.empty() : Optional.of(Durations.parse(retain));
    CatalogSettings settings = catalog.settings(objectStore);
    SparkSession spark = engine.start("silver tag", settings);
    Preflight.checkCatalog(spark, settings);
    Table iceberg = table.load(spark, settings);
    Snapshot snapshot =
        which.snapshot != null ? SnapshotSelector.select(iceberg, which.snapshot) : asOf(iceberg);
    AuditTags.create(iceberg, snapshot, name, retention);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Tagged %s snapshot %d (committed %s) as '%s', kept %s.%n",
        table.name,
        snapshot.snapshotId(),
        Instant.ofEpochMilli(snapshot.timestampMillis()),
        name,
        retention
            .map(
                r ->
                    "until "
                        + Instant.ofEpochMilli(snapshot.timestampMillis()).plus(r)
                        + " ("
                        + Durations.format(r)
                        + " from the snapshot's commit, as Iceberg counts a tag's age)")
            .orElse("until the tag is dropped"));
    out.flush();
    return 0;
  }

  private Snapshot asOf(Table iceberg) {
    Instant moment = SnapshotSelector.moment(which.asOf);
    if (moment == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot read --as-of '"
              + which.asOf
              + "': expected a UTC time such as 2024-01-31T23:59:59Z");
    }
    return SnapshotSelector.asOf(iceberg, moment, which.asOf);
  }
}
