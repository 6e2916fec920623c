package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.source.LocalPostgres;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.WarehouseReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs at once, as separate processes, on one warehouse: each run either lands or fails cleanly,
 * and the final tables are those of a single complete run. With the JDBC catalog on SQLite and on
 * PostgreSQL.
 */
class ConcurrentRunsIT {
  private static final Path JOBS = Paths.get(System.getProperty("user.dir"), "jobs");

  @TempDir static Path folder;
  private static LocalPostgres postgres;
  private static Path ordersBronze;
  private static Map<String, List<String>> ordersAfterOneRun;

  @BeforeAll
  static void prepare() throws Exception {
    postgres = LocalPostgres.start("silver", Map.of());
    ordersBronze = folder.resolve("orders-bronze");
    OrdersHistory history = new OrdersHistory(new BronzeFixture(ordersBronze), 20_000);
    history.writeFullLoad();
    history.writeNextDay();
    Path reference = folder.resolve("orders-reference");
    assertThat(run(ordersArguments(reference, "local")).waitFor()).isZero();
    ordersAfterOneRun = WarehouseReader.ordersState(reference);
  }

  private static final AtomicInteger PROCESSES = new AtomicInteger();
  private static final AtomicInteger JOBS_PUBLISHED = new AtomicInteger();
  private static final AtomicInteger JOBS_FAILED_CLEANLY = new AtomicInteger();

  @AfterAll
  static void stopPostgres() {
    System.out.println(
        "Concurrent runs: "
            + PROCESSES.get()
            + " processes at once in pairs, "
            + JOBS_PUBLISHED.get()
            + " job runs landed, "
            + JOBS_FAILED_CLEANLY.get()
            + " failed cleanly");
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoRunsOfOneJobAtOnceWithTheSqliteCatalogLandOrFailCleanly() throws Exception {
    Path warehouse = folder.resolve("orders-sqlite");

    assertLandOrFailCleanly(
        SilverProcess.startTogether(2, folder, Map.of(), ordersArguments(warehouse, "local")));

    assertThat(WarehouseReader.ordersState(warehouse)).isEqualTo(ordersAfterOneRun);
  }

  /**
   * Two incremental runs applying the same new day at once: each lands or stops saying another run
   * committed first, and the next run leaves Silver as one full rebuild would, with nothing applied
   * twice.
   */
  @Test
  void twoIncrementalRunsOfOneJobAtOnceLandOrStopCleanly() throws Exception {
    Path bronze = folder.resolve("orders-incremental-bronze");
    OrdersHistory history = new OrdersHistory(new BronzeFixture(bronze), 20_000);
    history.writeFullLoad();
    Path warehouse = folder.resolve("orders-incremental");
    String[] arguments = incremental(ordersArguments(warehouse, "local"), bronze);
    assertThat(run(arguments).waitFor()).isZero();
    history.writeNextDay();

    List<SilverProcess> runs = SilverProcess.startTogether(2, folder, Map.of(), arguments);
    int landed = 0;
    for (SilverProcess process : runs) {
      PROCESSES.incrementAndGet();
      int exitCode = process.waitFor();
      String output = process.stdout() + process.stderr();
      assertThat(exitCode).as(output).isIn(0, 4);
      assertThat(output).doesNotContain("Exception:");
      if (exitCode == 0) {
        landed++;
        JOBS_PUBLISHED.incrementAndGet();
      } else {
        JOBS_FAILED_CLEANLY.incrementAndGet();
        assertThat(process.stdout()).as(output).contains("another run");
      }
    }
    assertThat(landed).isPositive();

    SilverProcess next = run(arguments);
    assertThat(next.waitFor()).as(next.stdout() + next.stderr()).isZero();
    assertThat(WarehouseReader.ordersState(warehouse)).isEqualTo(ordersAfterOneRun);
  }

  private static String[] incremental(String[] arguments, Path bronze) {
    List<String> changed = new java.util.ArrayList<>(List.of(arguments));
    changed.set(changed.indexOf("--bronze") + 1, bronze.toString());
    changed.add("--incremental");
    return changed.toArray(new String[0]);
  }

  @Test
  void twoRunsOfOneJobAtOnceWithThePostgresCatalogLandOrFailCleanly() throws Exception {
    Path warehouse = folder.resolve("orders-postgres");
    String catalog = postgres.jdbcUrl("silver");
    // The first run on a new catalog creates its tables; concurrent runs start from there.
    assertThat(run(ordersArguments(warehouse, catalog)).waitFor()).isZero();

    assertLandOrFailCleanly(
        SilverProcess.startTogether(2, folder, Map.of(), ordersArguments(warehouse, catalog)));

    assertThat(WarehouseReader.ordersState(postgresCatalog(warehouse)))
        .isEqualTo(ordersAfterOneRun);
  }

  @Test
  void twoRunsOfAllSixJobsAtOnceShareTheQuarantineTableAndEndAsOneRun() throws Exception {
    Path bronze = folder.resolve("demo-bronze");
    DemoGenerator.generate(new Configuration(), bronze.toString(), DemoOptions.withEvents(3_000));
    Path reference = folder.resolve("demo-reference");
    assertThat(run(allArguments(bronze, reference, "local")).waitFor()).isZero();
    Path warehouse = folder.resolve("demo-postgres");
    String catalog = postgres.jdbcUrl("silver").replace("/silver?", "/silver_all?");
    postgres.createDatabase("silver_all");
    assertThat(run(allArguments(bronze, warehouse, catalog)).waitFor()).isZero();

    // Twelve jobs at once: every quarantine commit races five to eleven others.
    assertLandOrFailCleanly(
        SilverProcess.startTogether(2, folder, Map.of(), allArguments(bronze, warehouse, catalog)));

    CatalogSettings referenceCatalog = CatalogSettings.local(reference.toString());
    CatalogSettings concurrentCatalog =
        new CatalogSettings(warehouse.toString(), catalog, "silver", "lakehouse");
    for (Contract contract : Contracts.fromDirectory(JOBS).all()) {
      String[] columns =
          contract.silverColumns().stream().map(c -> c.name()).toArray(String[]::new);
      assertThat(WarehouseReader.rows(concurrentCatalog, contract.table(), columns))
          .as(contract.table())
          .isEqualTo(WarehouseReader.rows(referenceCatalog, contract.table(), columns));
    }
    String[] quarantine = {"table_name", "record_key", "reasons", "record"};
    assertThat(WarehouseReader.rows(concurrentCatalog, "quarantine", quarantine))
        .isEqualTo(WarehouseReader.rows(referenceCatalog, "quarantine", quarantine));
  }

  /**
   * Per job: in each process it either published, or failed saying that another run published it
   * first and that it changed nothing; and some process published it.
   */
  private static void assertLandOrFailCleanly(List<SilverProcess> runs) throws Exception {
    Map<String, Integer> publishedBy = new HashMap<>();
    for (SilverProcess process : runs) {
      PROCESSES.incrementAndGet();
      int exitCode = process.waitFor();
      String output = process.stdout() + process.stderr();
      // 4: a source or store unavailable or busy; here, another run published first.
      assertThat(exitCode).as(output).isIn(0, 4);
      assertThat(output).doesNotContain("Exception:");
      Matcher line = SUMMARY_LINE.matcher(process.stdout());
      int jobs = 0;
      while (line.find()) {
        jobs++;
        String job = line.group(1);
        if (line.group(2).equals("ok")) {
          publishedBy.merge(job, 1, Integer::sum);
          JOBS_PUBLISHED.incrementAndGet();
        } else {
          JOBS_FAILED_CLEANLY.incrementAndGet();
          assertThat(process.stdout())
              .as(output)
              .containsPattern(
                  "  "
                      + job
                      + ": Cannot publish [a-z_.]*"
                      + job
                      + ": another run published it while this one ran .*this run changed nothing");
        }
      }
      assertThat(jobs).as(output).isPositive();
    }
    for (Map.Entry<String, Integer> job : publishedBy.entrySet()) {
      assertThat(job.getValue()).as("runs that published " + job.getKey()).isPositive();
    }
  }

  private static final Pattern SUMMARY_LINE =
      Pattern.compile("(?m)^((?:dim|fact)_[a-z_]+) .* (ok|FAILED)$");

  private static CatalogSettings postgresCatalog(Path warehouse) {
    return new CatalogSettings(
        warehouse.toString(), postgres.jdbcUrl("silver"), "silver", "lakehouse");
  }

  private static String[] ordersArguments(Path warehouse, String catalog) {
    return new String[] {
      "run",
      "--job",
      "fact_orders",
      "--bronze",
      ordersBronze.toString(),
      "--warehouse",
      warehouse.toString(),
      "--catalog",
      catalog
    };
  }

  private static String[] allArguments(Path bronze, Path warehouse, String catalog) {
    return new String[] {
      "run",
      "--all",
      "--bronze",
      bronze.toString(),
      "--warehouse",
      warehouse.toString(),
      "--catalog",
      catalog
    };
  }

  private static SilverProcess run(String... arguments) throws Exception {
    return SilverProcess.start(folder, new HashMap<>(), arguments);
  }
}
