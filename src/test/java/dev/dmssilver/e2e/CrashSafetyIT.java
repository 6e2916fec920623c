package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.FailPoint;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.WarehouseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 at several points of a run, for real: bin/silver as a child JVM, killed with SIGKILL at
 * each fail point and at moments during the Silver write. Afterwards each table must hold exactly
 * its old or its new state, never a mix, and the next run must complete normally with no repair.
 */
class CrashSafetyIT {
  private static final int ORDERS = 60_000;

  @TempDir static Path folder;
  private static Path bronze;
  private static Path oldWarehouse;
  private static Path oldIncrementalWarehouse;
  private static Map<String, List<String>> oldState;
  private static Map<String, List<String>> newState;
  private static final AtomicInteger KILLS = new AtomicInteger();
  private static final AtomicInteger SURVIVED = new AtomicInteger();

  @BeforeAll
  static void prepareOldAndNewStates() throws Exception {
    bronze = folder.resolve("bronze");
    OrdersHistory history = new OrdersHistory(new BronzeFixture(bronze), ORDERS);
    history.writeFullLoad();
    oldWarehouse = folder.resolve("old-warehouse");
    assertThat(runToEnd(oldWarehouse)).isZero();
    oldState = WarehouseReader.ordersState(oldWarehouse);
    oldIncrementalWarehouse = folder.resolve("old-incremental-warehouse");
    assertThat(runToEnd(oldIncrementalWarehouse, "--incremental")).isZero();
    assertThat(WarehouseReader.ordersState(oldIncrementalWarehouse)).isEqualTo(oldState);
    history.writeNextDay();
    Path newWarehouse = folder.resolve("new-warehouse");
    copy(oldWarehouse, newWarehouse);
    assertThat(runToEnd(newWarehouse)).isZero();
    newState = WarehouseReader.ordersState(newWarehouse);
    assertThat(newState).isNotEqualTo(oldState);
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(
      strings = {
        FailPoint.BRONZE_RESOLVED,
        "500 ms into the Silver write",
        "1500 ms into the Silver write",
        FailPoint.SILVER_STAGED,
        FailPoint.SILVER_PUBLISHED,
        FailPoint.QUARANTINE_PUBLISHED
      })
  void aRunKilledAtAnyPointLeavesEachTableOldOrNewAndTheNextRunCompletes(String point)
      throws Exception {
    KILLS.incrementAndGet();
    Path warehouse = folder.resolve("warehouse-" + point.replaceAll("[^a-z0-9]", "-"));
    copy(oldWarehouse, warehouse);

    SilverProcess run =
        point.contains("ms into")
            ? SilverProcess.start(folder, Map.of(), runArguments(warehouse))
            : SilverProcess.start(
                folder,
                Map.of("SILVER_JAVA_OPTS", "-Dsilver.failpoint=" + point),
                runArguments(warehouse));
    String marker =
        point.contains("ms into")
            ? "Silver rows to audit branch"
            : "failpoint " + point + " reached";
    assertThat(run.awaitLine(marker, 300)).as(run.stderr()).isTrue();
    if (point.contains("ms into")) {
      Thread.sleep(Long.parseLong(point.substring(0, point.indexOf(' '))));
    }
    run.kill();

    assertEachTableOldOrNew(warehouse, point);
    assertThat(runToEnd(warehouse)).as("the next run").isZero();
    assertThat(WarehouseReader.ordersState(warehouse)).isEqualTo(newState);
    SURVIVED.incrementAndGet();
  }

  @ParameterizedTest(name = "incremental, killed at {0}")
  @ValueSource(
      strings = {
        FailPoint.SILVER_STAGED,
        FailPoint.SILVER_PUBLISHED,
        FailPoint.QUARANTINE_PUBLISHED,
        FailPoint.STATE_SOURCES_COMMITTED
      })
  void anIncrementalRunKilledAtAnyPointLeavesEachTableOldOrNewAndTheRerunCompletes(String point)
      throws Exception {
    KILLS.incrementAndGet();
    Path warehouse = folder.resolve("incremental-warehouse-" + point);
    copy(oldIncrementalWarehouse, warehouse);

    SilverProcess run =
        SilverProcess.start(
            folder,
            Map.of("SILVER_JAVA_OPTS", "-Dsilver.failpoint=" + point),
            runArguments(warehouse, "--incremental"));
    assertThat(run.awaitLine("failpoint " + point + " reached", 300)).as(run.stderr()).isTrue();
    run.kill();

    assertEachTableOldOrNew(warehouse, point);
    assertThat(runToEnd(warehouse, "--incremental")).as("the rerun").isZero();
    assertThat(WarehouseReader.ordersState(warehouse)).isEqualTo(newState);
    // The rerun committed the state: a third run finds nothing new and changes nothing.
    SilverProcess third =
        SilverProcess.start(folder, Map.of(), runArguments(warehouse, "--incremental"));
    assertThat(third.waitFor()).isZero();
    assertThat(third.stdout() + third.stderr()).contains("up to date");
    assertThat(WarehouseReader.ordersState(warehouse)).isEqualTo(newState);
    SURVIVED.incrementAndGet();
  }

  private static void assertEachTableOldOrNew(Path warehouse, String point) {
    Map<String, List<String>> afterKill = WarehouseReader.ordersState(warehouse);
    for (String table : List.of("fact_orders", "quarantine")) {
      assertThat(afterKill.get(table))
          .as(table + " after a kill at " + point + " is its old or its new state")
          .isIn(oldState.get(table), newState.get(table));
    }
  }

  @AfterAll
  static void printCount() {
    System.out.println(
        "Crash safety: " + KILLS.get() + " kill points, " + SURVIVED.get() + " survived");
  }

  private static String[] runArguments(Path warehouse, String... more) {
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--job",
                "fact_orders",
                "--bronze",
                bronze.toString(),
                "--warehouse",
                warehouse.toString()));
    arguments.addAll(List.of(more));
    return arguments.toArray(new String[0]);
  }

  private static int runToEnd(Path warehouse, String... more) throws Exception {
    SilverProcess run = SilverProcess.start(folder, Map.of(), runArguments(warehouse, more));
    int exitCode = run.waitFor();
    if (exitCode != 0) {
      System.err.println(run.stdout() + run.stderr());
    }
    return exitCode;
  }

  /**
   * Copies a local warehouse. Iceberg metadata holds absolute paths, which still point at the
   * source's data files: fine, since those are never changed, only added to.
   */
  private static void copy(Path from, Path to) throws Exception {
    if (Files.exists(to)) {
      try (Stream<Path> files = Files.walk(to)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
