package dev.dmssilver.cli;

import dev.dmssilver.job.Preflight;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    description = {
      "Run Spark SQL with the Silver catalog as the default catalog.",
      "Tables read as silver.fact_orders; metadata tables as silver.fact_orders.snapshots;",
      "time travel with VERSION AS OF <snapshot id | tag> or TIMESTAMP AS OF '<time>'."
    },
    mixinStandardHelpOptions = true)
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalog;
  @Mixin ObjectStoreOptions objectStore;
  @Mixin EngineOptions engine;

  @Mixin FormatOption output;

  @Option(
      names = "--max-rows",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Print at most N rows. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL statement.")
  String query;

  @Override
  public Integer call() {
    SparkSession spark = engine.start("silver sql", catalog.settings(objectStore));
    Preflight.checkCatalog(spark, catalog.settings(objectStore));
    Dataset<Row> result = spark.sql(query);
    PrintWriter out = spec.commandLine().getOut();
    int printed = QueryOutput.print(result, output.format, maxRows, out);
    out.flush();
    if (printed == maxRows) {
      spec.commandLine()
          .getErr()
          .println("silver: output stopped at --max-rows " + maxRows + "; there may be more rows");
    }
    return 0;
  }
}
