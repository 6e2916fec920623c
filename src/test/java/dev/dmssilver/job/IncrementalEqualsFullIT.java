package dev.dmssilver.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.WriteSettings.IncrementalWrite;
import dev.dmssilver.quality.QuarantineColumns;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proof that incremental mode is the full rebuild: a generated history (deletes, orphans,
 * quarantined rows, late orders) delivered in random batches, with files arriving late and out of
 * order, a file delivered twice under another name (a DMS restart), and a full load reloaded. After
 * every batch, the six Silver tables and the quarantine built incrementally equal, row by row, the
 * ones a full rebuild of the same Bronze builds in a lakehouse of its own.
 */
class IncrementalEqualsFullIT {
  private static final List<String> RUN_COLUMNS =
      java.util.Arrays.asList(QuarantineColumns.RUN_ID, QuarantineColumns.QUARANTINED_AT);

  @TempDir Path folder;

  @ParameterizedTest(name = "seed {0}, {1}")
  @CsvSource({"11, MERGE", "23, MERGE", "37, OVERWRITE_MONTHS"})
  void afterEveryBatchIncrementalEqualsTheFullRebuild(long seed, IncrementalWrite write)
      throws IOException {
    SparkSession spark = TestSpark.session();
    Path history = folder.resolve("history");
    DemoGenerator.generate(
        spark.sparkContext().hadoopConfiguration(),
        history.toString(),
        new DemoOptions(6_000, seed, LocalDate.of(2024, 1, 1), 5, 240));
    Random random = new Random(seed);
    List<Path> loads = files(history, true);
    List<Path> changes = files(history, false);
    // Late delivery: a few files swap places with a later one.
    for (int i = 0; i + 3 < changes.size(); i += 7 + random.nextInt(5)) {
      Collections.swap(changes, i, i + 1 + random.nextInt(3));
    }
    Path bronze = folder.resolve("bronze");
    CatalogSettings incremental = TestSpark.newLakehouse(folder.resolve("incremental"));
    Contracts contracts =
        Contracts.fromDirectory(Paths.get(System.getProperty("user.dir"), "jobs"));

    deliver(history, bronze, loads);
    List<String> reasons = new ArrayList<>();
    int batch = 0;
    int next = 0;
    while (next < changes.size()) {
      int size = 1 + random.nextInt(Math.max(1, changes.size() / 3));
      List<Path> delivered = changes.subList(next, Math.min(changes.size(), next + size));
      deliver(history, bronze, delivered);
      next += delivered.size();
      batch++;
      if (batch == 2) {
        // A DMS restart delivers a file again under a new name.
        Path again = delivered.get(0);
        Path copy =
            bronze.resolve(history.relativize(again)).resolveSibling("R" + again.getFileName());
        Files.copy(again, copy);
      }
      if (batch == 3) {
        // A reloaded full load: DMS writes the table's LOAD files again.
        Path load = bronze.resolve(history.relativize(loads.get(0)));
        Files.setLastModifiedTime(load, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      }
      reasons.addAll(
          run(spark, contracts, bronze, incremental, RunSettings.Mode.INCREMENTAL, write));
      CatalogSettings full = TestSpark.newLakehouse(folder.resolve("full-" + batch));
      run(spark, contracts, bronze, full, RunSettings.Mode.FULL, write);
      for (Contract contract : contracts.all()) {
        assertSameRows(spark, incremental, full, contract.table(), "batch " + batch);
      }
      assertSameRows(spark, incremental, full, QuarantineTable.NAME, "batch " + batch);
    }
    assertThat(batch).isGreaterThanOrEqualTo(3);
    assertThat(tables(spark, incremental)).contains(StateStore.ownTable("fact_order_items"));
    // Payments never fall back: a batch with new payment files applied incrementally commits
    // the state twice (the merge, then the pointers) after the first run's one.
    assertThat(
            Tables.snapshotCount(
                spark, incremental.qualified(StateStore.ownTable("fact_payments"))))
        .isGreaterThanOrEqualTo(3);

    // silver verify agrees, and catches a row changed behind its back.
    RunSettings settings =
        RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), incremental, contracts);
    Contract orders = contracts.get("fact_orders");
    assertThat(Verification.verify(spark, settings, orders))
        .allSatisfy(difference -> assertThat(difference.same()).as(difference.table).isTrue());
    spark.sql(
        "UPDATE "
            + incremental.qualified("fact_orders")
            + " SET order_status = 'refunded' WHERE order_id = (SELECT min(order_id) FROM "
            + incremental.qualified("fact_orders")
            + " WHERE order_status <> 'refunded')");
    List<Verification.Difference> tampered = Verification.verify(spark, settings, orders);
    assertThat(tampered.get(0).onlyLive).isEqualTo(1);
    assertThat(tampered.get(0).onlyRebuilt).isEqualTo(1);
    assertThat(tampered.get(1).same()).isTrue();
  }

  private static List<String> run(
      SparkSession spark,
      Contracts contracts,
      Path bronze,
      CatalogSettings catalog,
      RunSettings.Mode mode,
      IncrementalWrite write) {
    RunSettings base =
        RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), catalog, contracts);
    RunSettings settings =
        base.withMode(mode).withWrites(base.writes().withIncrementalWrite(write));
    List<JobResult> results = JobRuns.runAll(spark, settings, new ArrayList<>(contracts.all()));
    List<String> failures = new ArrayList<>();
    for (JobResult result : results) {
      result.failure().ifPresent(failure -> failures.add(result.table() + ": " + failure));
    }
    assertThat(failures).as("jobs that failed (%s)", mode).isEmpty();
    return failures;
  }

  private static void assertSameRows(
      SparkSession spark,
      CatalogSettings incremental,
      CatalogSettings full,
      String table,
      String when) {
    Dataset<Row> built = withoutRunColumns(spark.table(incremental.qualified(table)));
    Dataset<Row> rebuilt = withoutRunColumns(spark.table(full.qualified(table)));
    assertThat(built.count()).as("%s rows after %s", table, when).isEqualTo(rebuilt.count());
    assertThat(built.exceptAll(rebuilt).count())
        .as("%s rows only the incremental run has, after %s", table, when)
        .isZero();
    assertThat(rebuilt.exceptAll(built).count())
        .as("%s rows only the full rebuild has, after %s", table, when)
        .isZero();
  }

  private static Dataset<Row> withoutRunColumns(Dataset<Row> rows) {
    List<String> kept =
        Stream.of(rows.columns())
            .filter(c -> !RUN_COLUMNS.contains(c))
            .collect(Collectors.toList());
    return rows.select(kept.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
  }

  private static List<String> tables(SparkSession spark, CatalogSettings catalog) {
    return spark
        .sql("SHOW TABLES IN " + catalog.catalogName() + "." + catalog.database())
        .collectAsList()
        .stream()
        .map(row -> row.getString(1))
        .collect(Collectors.toList());
  }

  private static List<Path> files(Path root, boolean fullLoads) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> path.toString().endsWith(".parquet"))
          .filter(path -> path.getFileName().toString().startsWith("LOAD") == fullLoads)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .collect(Collectors.toList());
    }
  }

  private static void deliver(Path history, Path bronze, List<Path> files) {
    for (Path file : files) {
      Path target = bronze.resolve(history.relativize(file));
      try {
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
