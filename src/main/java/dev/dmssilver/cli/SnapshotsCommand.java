package dev.dmssilver.cli;

import dev.dmssilver.job.Preflight;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.maintenance.TableMaintenance;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "snapshots",
    description = {
      "List a table's snapshots, newest last: id, commit time, operation, the run that wrote it,",
      "its row count, and the tags and branches that point at it."
    },
    mixinStandardHelpOptions = true)
final class SnapshotsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TableOption table;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin EngineOptions engine;

  @Mixin FormatOption output;

  @Override
  public Integer call() {
    CatalogSettings settings = catalog.settings(objectStore);
    SparkSession spark = engine.start("silver snapshots", settings);
    Preflight.checkCatalog(spark, settings);
    table.load(spark, settings);
    String name = settings.qualified(table.name);
    String query =
        "SELECT s.snapshot_id, s.committed_at, s.operation,"
            + " coalesce(s.summary['silver.run-id'], s.summary['"
            + TableMaintenance.MAINTENANCE_RUN
            + "']) AS run_id,"
            + " CAST(s.summary['total-records'] AS BIGINT) AS rows, r.refs"
            + " FROM "
            + name
            + ".snapshots s LEFT JOIN (SELECT snapshot_id,"
            + " concat_ws(',', sort_array(collect_list(name))) AS refs FROM "
            + name
            + ".refs GROUP BY snapshot_id) r ON s.snapshot_id = r.snapshot_id"
            + " ORDER BY s.committed_at, s.snapshot_id";
    PrintWriter out = spec.commandLine().getOut();
    QueryOutput.print(spark.sql(query), output.format, Integer.MAX_VALUE, out);
    out.flush();
    return 0;
  }
}
