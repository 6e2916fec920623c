package dev.dmssilver.cli;

import dev.dmssilver.LocalFolders;
import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.console.ProgressListener;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoData;
import dev.dmssilver.dms.DmsEndpoint;
import dev.dmssilver.dms.DmsEndpointSettings;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.report.MetricsSettings;
import dev.dmssilver.report.ReportedRun;
import dev.dmssilver.source.Reconciliation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = {
      "Generate DMS Bronze for a demo shop, run all six jobs on this machine, and summarize.",
      "Bronze goes to DIR/bronze, Silver to DIR/warehouse (Iceberg, SQLite catalog)."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GeneratorOptions generator;
  @Mixin ContractOptions contracts;
  @Mixin EngineOptions engine;

  @Option(
      names = "--dir",
      defaultValue = "silver-demo",
      paramLabel = "DIR",
      description = "Where to put Bronze and Silver. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(
      names = "--from-postgres",
      description =
          "Take the source from a throwaway PostgreSQL instead of the generator: the seed's six"
              + " tables, a seeded workload, captured as DMS would; then compare Silver with the"
              + " source row by row. Needs PostgreSQL 15 or 16 installed (postgresql-15).")
  boolean fromPostgres;

  @Option(
      names = "--endpoint",
      paramLabel = "NAME=VALUE",
      description =
          "With --from-postgres: a DMS S3 endpoint setting over the seed's, e.g."
              + " cdc_inserts_and_updates=false to write deletes.")
  Map<String, String> endpoint = new LinkedHashMap<>();

  @Option(
      names = "--source-changes",
      defaultValue = "2000",
      paramLabel = "N",
      description =
          "With --from-postgres: transactions after the full load. Default: ${DEFAULT-VALUE}.")
  int sourceChanges;

  @Option(
      names = "--fresh",
      description =
          "Delete an existing demo warehouse first (by default each demo adds a snapshot).")
  boolean fresh;

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    Path bronze = dir.resolve("bronze").toAbsolutePath();
    Path warehouse = dir.resolve("warehouse").toAbsolutePath();
    LocalFolders.deleteRecursively(bronze);
    if (fresh) {
      LocalFolders.deleteRecursively(warehouse);
    }
    if (fromPostgres) {
      return fromPostgres(bronze, warehouse);
    }
    DemoData.generate(bronze.toString(), generator.options(), spec.commandLine().getErr());
    int exitCode = runJobs(bronze.toString(), warehouse);
    printQueriesToTry(out, dir.resolve("warehouse").toString());
    return exitCode;
  }

  private int runJobs(String bronze, Path warehouse) {
    Contracts known = contracts.load();
    RunSettings settings =
        RunSettings.of(
            BronzeSettings.withDefaults(bronze),
            CatalogSettings.local(warehouse.toString()),
            known);
    ProgressListener display = engine.display("demo");
    SparkSession spark = engine.start("silver demo", settings.catalog());
    return new ReportedRun(MetricsSettings.off(), spec.commandLine().getOut(), Optional.empty())
        .run(spark, settings, new ArrayList<>(known.all()), display);
  }

  private int fromPostgres(Path bucket, Path warehouse) throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DmsEndpoint dms;
    try {
      dms = DmsEndpointSettings.seedWith(endpoint);
    } catch (IllegalArgumentException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot run the demo: " + e.getMessage(), e);
    }
    try (PostgresDemo source = PostgresDemo.start(dms, err)) {
      String bronze =
          source.captureWorkload(generator.options().seed(), sourceChanges, bucket, err);
      int exitCode = runJobs(bronze, warehouse);
      CatalogSettings catalog = CatalogSettings.local(warehouse.toString());
      Reconciliation reconciliation =
          Reconciliation.of(
              source.connection(),
              SparkSession.active(),
              new ArrayList<>(contracts.load().all()),
              catalog::qualified,
              source.writesDeletes(),
              source.writesMilliseconds());
      out.println();
      out.println("Compared with the source database: " + reconciliation.summary());
      reconciliation.differences().stream().limit(10).forEach(line -> out.println("  " + line));
      printQueriesToTry(out, dir.resolve("warehouse").toString());
      return reconciliation.differences().isEmpty() ? exitCode : SilverException.EXIT_INTERNAL;
    }
  }

  private static void printQueriesToTry(PrintWriter out, String warehouse) {
    String sql = "bin/silver sql --warehouse " + warehouse + " ";
    out.println();
    out.println("Try:");
    out.println(
        "  "
            + sql
            + "\"SELECT order_status, count(*) AS orders FROM silver.fact_orders"
            + " GROUP BY order_status ORDER BY orders DESC\"");
    out.println(
        "  "
            + sql
            + "\"SELECT table_name, reasons, count(*) AS rows FROM silver.quarantine"
            + " GROUP BY table_name, reasons ORDER BY rows DESC\"");
    out.println(
        "  "
            + sql
            + "\"SELECT snapshot_id, committed_at, summary['silver.run-id'] AS run_id"
            + " FROM silver.fact_orders.snapshots\"");
    out.println(
        "  "
            + sql
            + "\"SELECT partition, record_count FROM silver.fact_orders.partitions"
            + " ORDER BY partition\"");
    out.flush();
  }
}
