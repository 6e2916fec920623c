package dev.dmssilver.e2e;

import static dev.dmssilver.dms.DmsColumn.Kind.BIGINT;
import static dev.dmssilver.dms.DmsColumn.Kind.DATE;
import static dev.dmssilver.dms.DmsColumn.Kind.DOUBLE;
import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.dms.DmsColumn.Kind.STRING;
import static dev.dmssilver.dms.DmsColumn.Kind.TIMESTAMP_MILLIS;
import static dev.dmssilver.testing.BronzeFixture.changeSequence;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.date;
import static dev.dmssilver.testing.BronzeFixture.decimal;
import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.money;
import static dev.dmssilver.testing.BronzeFixture.op;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.dms.DmsColumn;
import dev.dmssilver.incremental.StateStore;
import dev.dmssilver.job.JobProgress;
import dev.dmssilver.job.JobResult;
import dev.dmssilver.job.JobRuns;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.Publisher;
import dev.dmssilver.lakehouse.WriteSettings;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.Tables;
import dev.dmssilver.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, case by case. Each case starts from a published baseline, changes Bronze in one bad
 * way, runs the job again and checks the named outcome: a clear error that names the thing (and no
 * table changed at all), specific quarantine reasons, or no change; each case as a full rebuild and
 * as an incremental run. The suite prints how many of its cases held.
 */
class BadInputCorpusIT {
  private static final String CONTRACT =
      """
      table: dim_account
      bronze: {table: accounts}
      key: [account_id]
      columns:
        account_id: bigint
        name: string
        email: string
        balance: decimal(12,2)
        weight: double
        opened: date
        updated_at: timestamp
      rules:
        email_not_null: email IS NOT NULL
        balance_not_negative: balance >= 0
        weight_positive: weight > 0
      """;
  private static final String[] SILVER = {
    "account_id", "name", "email", "balance", "weight", "opened", "updated_at"
  };
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String LOAD_TIME = "2024-01-15 00:00:00.000000";
  private static final String CDC_FILE = "2024/01/15/20240115-100000000.parquet";
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger HELD = new AtomicInteger();

  @TempDir static Path folder;

  @TestFactory
  Stream<DynamicTest> everyCaseHolds() {
    return cases().stream().map(c -> test(c.name, () -> run(c, RunSettings.Mode.FULL)));
  }

  /**
   * The same cases through {@code run --incremental}: the baseline builds the state, the bad Bronze
   * arrives as new files (or changes applied ones), and the outcome must be the full rebuild's. A
   * failed run also leaves the incremental state where it was.
   */
  @TestFactory
  Stream<DynamicTest> everyCaseHoldsIncrementally() {
    return cases().stream()
        .map(c -> test(c.name + ", incrementally", () -> run(c, RunSettings.Mode.INCREMENTAL)));
  }

  private static DynamicTest test(String name, org.junit.jupiter.api.function.Executable run) {
    return DynamicTest.dynamicTest(
        name,
        () -> {
          CASES.incrementAndGet();
          run.execute();
          HELD.incrementAndGet();
        });
  }

  @AfterAll
  static void printCount() {
    System.out.println("Bad-input corpus: " + CASES.get() + " cases, " + HELD.get() + " held");
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Files that are not what they claim.
    cases.add(
        new Case(
            "a truncated Parquet file",
            b -> truncate(b.write("accounts", "2024/01/16/t.parquet", cdc(), update(1, "x"))),
            fails(
                "Cannot read Bronze table accounts:",
                "2024/01/16/t.parquet is not readable Parquet")));
    cases.add(
        new Case(
            "a Parquet file with corrupt pages",
            b -> corruptPages(b.write("accounts", "2024/01/16/c.parquet", cdc(), manyUpdates())),
            fails("Cannot read Bronze table accounts:", "2024/01/16/c.parquet is corrupt")));
    cases.add(
        new Case(
            "a non-Parquet file in the prefix",
            b -> text(b, "2024/01/16/20240116-000000000.csv", "U,1,x\n"),
            fails("20240116-000000000.csv is not a Parquet file")));
    cases.add(
        new Case(
            "an empty file",
            b -> text(b, "2024/01/16/20240116-000000000.parquet", ""),
            fails("20240116-000000000.parquet is empty (0 bytes)")));
    cases.add(
        new Case(
            "a missing table prefix",
            b -> deleteTable(b),
            fails("Cannot read Bronze table accounts: folder", "/public/accounts does not exist")));
    cases.add(
        new Case(
            "an empty table prefix",
            b -> {
              deleteTable(b);
              Files.createDirectories(b.tableFolder("accounts").resolve("2024/01"));
            },
            fails("/public/accounts holds no Parquet files")));
    // Schemas DMS would never write, or that the contract cannot take.
    cases.add(
        new Case(
            "an incompatible column type",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/x.parquet",
                    columns(
                        op(),
                        commitTimestamp(),
                        column("account_id", BIGINT),
                        column("balance", STRING)),
                    row("U", "2024-01-16 00:00:00.000000", 1L, "lots")),
            fails("column balance is string in", "2024/01/16/x.parquet, expected decimal(12,2)")));
    cases.add(
        new Case(
            "a missing key column",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/k.parquet",
                    columns(op(), commitTimestamp(), column("name", STRING)),
                    row("U", "2024-01-16 00:00:00.000000", "x")),
            fails("key column account_id is missing from", "2024/01/16/k.parquet")));
    cases.add(
        new Case(
            "a decimal that overflows the contract's precision",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/d.parquet",
                    columns(
                        op(),
                        commitTimestamp(),
                        column("account_id", BIGINT),
                        decimal("balance", 38, 10)),
                    row(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        1L,
                        money("12345678901234567890.0000000001"))),
            fails("column balance is decimal(38,10) in", "expected decimal(12,2)")));
    cases.add(
        new Case(
            "a column dropped mid-history",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/drop.parquet",
                    columns(
                        op(),
                        commitTimestamp(),
                        column("account_id", BIGINT),
                        column("name", STRING),
                        decimal("balance", 12, 2),
                        column("weight", DOUBLE),
                        column("opened", DATE),
                        column("updated_at", TIMESTAMP_MILLIS)),
                    row(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        3L,
                        "Carol",
                        money("3.00"),
                        3.0,
                        date("2020-03-03"),
                        instant("2024-01-16T00:00:00Z"))),
            quarantines("3", "email_not_null")));
    cases.add(
        new Case(
            "an extra column (schema drift)",
            b -> {
              List<DmsColumn> drifted = cdc();
              drifted.add(column("loyalty_tier", STRING));
              b.write(
                  "accounts",
                  "2024/01/16/e.parquet",
                  drifted,
                  row(
                      "U",
                      "2024-01-16 00:00:00.000000",
                      1L,
                      "Alice",
                      "alice@example.com",
                      money("1.00"),
                      1.0,
                      date("2020-01-01"),
                      instant("2024-01-14T00:00:00Z"),
                      "",
                      "gold"));
            },
            changesNothing()));
    // Commit timestamps and Op values DMS should not send.
    cases.add(
        new Case(
            "an unparseable commit timestamp",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/ts.parquet",
                    cdc(),
                    event("U", "16/01/2024 00:00", 1, "Alice", "alice@example.com")),
            fails(
                "1 events have a missing or unparseable commit timestamp",
                "2024/01/16/ts.parquet: 16/01/2024 00:00")));
    cases.add(
        new Case(
            "a commit timestamp in the future",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/f.parquet",
                    cdc(),
                    event("U", "2031-01-01 00:00:00.000000", 1, "Alice", "alice@example.com")),
            quarantines("1", "commit_timestamp_not_future")));
    cases.add(
        new Case(
            "fewer fraction digits in a commit timestamp",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/short.parquet",
                    cdc(),
                    event("U", "2024-01-16 00:00:00.5", 1, "Alicia", "alice@example.com")),
            publishes("1|Alicia|")));
    cases.add(
        new Case(
            "an unknown Op",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/op.parquet",
                    cdc(),
                    event("X", "2024-01-16 00:00:00.000000", 1, "Alice", "alice@example.com")),
            quarantines("1", "op_known")));
    cases.add(
        new Case(
            "a lower-case Op",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/op.parquet",
                    cdc(),
                    event("u", "2024-01-16 00:00:00.000000", 2, "Bob", "bob@example.com")),
            quarantines("2", "op_known")));
    cases.add(
        new Case(
            "a NULL key",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/nk.parquet",
                    cdc(),
                    row(
                        "I",
                        "2024-01-16 00:00:00.000000",
                        null,
                        "Nobody",
                        "n@example.com",
                        money("1.00"),
                        1.0,
                        date("2020-01-01"),
                        instant("2024-01-16T00:00:00Z"),
                        "")),
            quarantines("<null>", "key_not_null")));
    cases.add(
        new Case(
            "a delete of a key never seen",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/d.parquet",
                    cdc(),
                    row(
                        "D",
                        "2024-01-16 00:00:00.000000",
                        99L,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "")),
            changesNothing()));
    // DMS replays.
    cases.add(
        new Case(
            "duplicate files (a replayed CDC file)",
            b ->
                Files.copy(
                    b.tableFolder("accounts").resolve(CDC_FILE),
                    b.tableFolder("accounts").resolve("2024/01/15/20240115-100500000.parquet")),
            changesNothing()));
    cases.add(
        new Case(
            "a DMS restart's second full load",
            b ->
                b.write(
                    "accounts",
                    "LOAD00000002.parquet",
                    load(),
                    loadRow(
                        "2024-01-16 00:00:00.000000",
                        1,
                        "Alice",
                        "alice@example.com",
                        "2024-01-14T00:00:00Z"),
                    loadRow(
                        "2024-01-16 00:00:00.000000",
                        2,
                        "Bobby",
                        "bob@example.com",
                        "2024-01-15T10:00:00Z"),
                    loadRow(
                        "2024-01-16 00:00:00.000000",
                        3,
                        "Carol",
                        "carol@example.com",
                        "2024-01-14T00:00:00Z"),
                    loadRow(
                        "2024-01-16 00:00:00.000000",
                        4,
                        "Dave",
                        "dave@example.com",
                        "2024-01-15T10:00:00Z")),
            changesNothing()));
    cases.add(
        new Case(
            "a file with no rows",
            b -> b.write("accounts", "2024/01/16/empty-rows.parquet", cdc()),
            changesNothing()));
    cases.add(
        new Case(
            "hidden files beside the data",
            b -> {
              text(b, "_SUCCESS", "");
              text(b, "2024/01/15/.20240115-100000000.parquet.crc", "crc");
              text(b, "_temporary/0/part-0.csv", "junk");
            },
            changesNothing()));
    // Values.
    cases.add(
        new Case(
            "very wide strings (1 MiB)",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/w.parquet",
                    cdc(),
                    event(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        1,
                        "A".repeat(1 << 20),
                        "alice@example.com")),
            publishesWhere("length(name) = 1048576 AND account_id = 1")));
    cases.add(
        new Case(
            "non-UTF-8 bytes in text",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/u.parquet",
                    cdc(),
                    row(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        1L,
                        new byte[] {'A', (byte) 0xC3, (byte) 0x28},
                        "alice@example.com",
                        money("1.00"),
                        1.0,
                        date("2020-01-01"),
                        instant("2024-01-16T00:00:00Z"),
                        "")),
            quarantines("1", "text_valid_utf8")));
    cases.add(
        new Case(
            "a NaN amount",
            b -> b.write("accounts", "2024/01/16/n.parquet", cdc(), weighted("U", 1, Double.NaN)),
            quarantines("1", "numbers_finite")));
    cases.add(
        new Case(
            "an infinite amount",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/i.parquet",
                    cdc(),
                    weighted("U", 1, Double.POSITIVE_INFINITY)),
            quarantines("1", "numbers_finite")));
    cases.add(
        new Case(
            "a negative-zero amount",
            b -> b.write("accounts", "2024/01/16/z.parquet", cdc(), weighted("U", 1, -0.0)),
            quarantines("1", "weight_positive")));
    cases.add(
        new Case(
            "a negative-zero decimal",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/nz.parquet",
                    cdc(),
                    row(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        1L,
                        "Alice",
                        "alice@example.com",
                        money("-0.00"),
                        1.0,
                        date("2020-01-01"),
                        instant("2024-01-16T00:00:00Z"),
                        "")),
            publishes("1|Alice|alice@example.com|0.00|")));
    cases.add(
        new Case(
            "a date before the Gregorian switch",
            b ->
                b.write(
                    "accounts",
                    "2024/01/16/old.parquet",
                    cdc(),
                    row(
                        "U",
                        "2024-01-16 00:00:00.000000",
                        1L,
                        "Alice",
                        "alice@example.com",
                        money("1.00"),
                        1.0,
                        date("0001-01-01"),
                        instant("2024-01-16T00:00:00Z"),
                        "")),
            publishes("|0001-01-01|")));
    return cases;
  }

  // ---- running a case

  private record Case(String name, Mutation mutation, Expectation expectation) {}

  private interface Mutation {
    void apply(BronzeFixture bronze) throws Exception;
  }

  private interface Expectation {
    void check(Outcome outcome);
  }

  private record Outcome(
      Throwable failure,
      List<String> silverBefore,
      List<String> silverAfter,
      List<String> quarantineBefore,
      List<String> quarantineAfter,
      List<Long> snapshotsBefore,
      List<Long> snapshotsAfter,
      List<String> whereRows) {}

  private static void run(Case c, RunSettings.Mode mode) throws Exception {
    Path root = Files.createTempDirectory(folder, "case");
    BronzeFixture bronze = new BronzeFixture(root.resolve("bronze"));
    writeBaseline(bronze);
    Path contracts = Files.createDirectories(root.resolve("contracts"));
    Files.writeString(contracts.resolve("dim_account.yaml"), CONTRACT);
    CatalogSettings catalog = TestSpark.newLakehouse(root.resolve("warehouse"));
    RunSettings settings =
        new RunSettings(
                BronzeSettings.withDefaults(bronze.root()),
                catalog,
                Contracts.fromDirectory(contracts),
                "baseline",
                CLOCK,
                RunSettings.FUTURE_TOLERANCE_DEFAULT)
            .withMode(mode);
    SparkSession spark = TestSpark.session();
    JobRuns.prepareShared(spark, settings);
    assertThat(runJob(spark, settings).failure()).as("baseline run").isEmpty();
    List<String> silverBefore = silver(spark, catalog);
    List<String> quarantineBefore = quarantine(spark, catalog);
    List<Long> snapshotsBefore = snapshots(spark, catalog, mode);

    c.mutation.apply(bronze);
    Throwable failure = runJob(spark, settings.withRunId("case")).failure().orElse(null);
    if (failure != null) {
      assertThat(failure).as("a failure the job explains").isInstanceOf(SilverException.class);
    }
    List<String> whereRows = new ArrayList<>();
    if (c.expectation instanceof Where where) {
      whereRows.addAll(
          Tables.lines(
              spark.table(catalog.qualified("dim_account")).where(where.condition), "account_id"));
    }
    c.expectation.check(
        new Outcome(
            failure,
            silverBefore,
            silver(spark, catalog),
            quarantineBefore,
            quarantine(spark, catalog),
            snapshotsBefore,
            snapshots(spark, catalog, mode),
            whereRows));
  }

  private static JobResult runJob(SparkSession spark, RunSettings settings) {
    return JobRuns.runOne(
        spark,
        settings,
        settings.contracts().get("dim_account"),
        JobProgress.quiet(settings.runId(), CLOCK));
  }

  private static List<String> silver(SparkSession spark, CatalogSettings catalog) {
    return Tables.rows(spark, catalog.qualified("dim_account"), SILVER);
  }

  private static List<String> quarantine(SparkSession spark, CatalogSettings catalog) {
    return Tables.rows(
        spark, catalog.qualified("quarantine"), "table_name", "record_key", "reasons");
  }

  /**
   * Main's current snapshot of both tables, and incrementally of the job's state tables: a failed
   * run must leave them exactly where they were.
   */
  private static List<Long> snapshots(
      SparkSession spark, CatalogSettings catalog, RunSettings.Mode mode) {
    Publisher publisher = new Publisher(spark, catalog, WriteSettings.tableDefaults());
    List<String> tables = new ArrayList<>(List.of("dim_account", "quarantine"));
    if (mode == RunSettings.Mode.INCREMENTAL) {
      tables.addAll(
          List.of(StateStore.ownTable("dim_account"), StateStore.filesTable("dim_account")));
    }
    List<Long> snapshots = new ArrayList<>();
    for (String table : tables) {
      // A table no run has published yet has no snapshot: -1.
      snapshots.add(publisher.current(table).map(Snapshot::snapshotId).orElse(-1L));
    }
    return snapshots;
  }

  // ---- expectations

  private static Expectation fails(String... fragments) {
    return outcome -> {
      assertThat(outcome.failure).as("the job must fail").isNotNull();
      assertThat(outcome.failure.getMessage()).contains(fragments);
      assertThat(outcome.snapshotsAfter).as("no table changes").isEqualTo(outcome.snapshotsBefore);
      assertThat(outcome.silverAfter).isEqualTo(outcome.silverBefore);
      assertThat(outcome.quarantineAfter).isEqualTo(outcome.quarantineBefore);
    };
  }

  private static Expectation quarantines(String key, String... reasons) {
    return outcome -> {
      assertThat(outcome.failure).as("the job must publish").isNull();
      assertThat(outcome.quarantineAfter)
          .contains("dim_account|" + key + "|" + Arrays.toString(reasons));
      assertThat(outcome.silverAfter).noneMatch(line -> line.startsWith(key + "|"));
    };
  }

  private static Expectation publishes(String fragment) {
    return outcome -> {
      assertThat(outcome.failure).as("the job must publish").isNull();
      assertThat(outcome.silverAfter).anyMatch(line -> line.contains(fragment));
      assertThat(outcome.quarantineAfter).isEqualTo(outcome.quarantineBefore);
    };
  }

  private static Expectation changesNothing() {
    return outcome -> {
      assertThat(outcome.failure).as("the job must publish").isNull();
      assertThat(outcome.silverAfter).isEqualTo(outcome.silverBefore);
      assertThat(outcome.quarantineAfter).isEqualTo(outcome.quarantineBefore);
    };
  }

  private record Where(String condition) implements Expectation {
    @Override
    public void check(Outcome outcome) {
      assertThat(outcome.failure).as("the job must publish").isNull();
      assertThat(outcome.whereRows).hasSize(1);
    }
  }

  private static Expectation publishesWhere(String condition) {
    return new Where(condition);
  }

  // ---- Bronze

  private static void writeBaseline(BronzeFixture bronze) {
    bronze.write(
        "accounts",
        "LOAD00000001.parquet",
        load(),
        loadRow(LOAD_TIME, 1, "Alice", "alice@example.com", "2024-01-14T00:00:00Z"),
        loadRow(LOAD_TIME, 2, "Bob", "bob@example.com", "2024-01-14T00:00:00Z"),
        loadRow(LOAD_TIME, 3, "Carol", "carol@example.com", "2024-01-14T00:00:00Z"));
    bronze.write(
        "accounts",
        CDC_FILE,
        cdc(),
        row(
            "U",
            "2024-01-15 10:00:00.000001",
            2L,
            "Bobby",
            "bob@example.com",
            money("2.00"),
            2.0,
            date("2020-02-02"),
            instant("2024-01-15T10:00:00Z"),
            "1"),
        row(
            "I",
            "2024-01-15 10:00:00.000002",
            4L,
            "Dave",
            "dave@example.com",
            money("4.00"),
            4.0,
            date("2020-04-04"),
            instant("2024-01-15T10:00:00Z"),
            "2"));
  }

  private static List<DmsColumn> load() {
    return columns(
        commitTimestamp(),
        column("account_id", INT),
        column("name", STRING),
        column("email", STRING),
        decimal("balance", 12, 2),
        column("weight", DOUBLE),
        column("opened", DATE),
        column("updated_at", TIMESTAMP_MILLIS));
  }

  private static List<DmsColumn> cdc() {
    return columns(
        op(),
        commitTimestamp(),
        column("account_id", BIGINT),
        column("name", STRING),
        column("email", STRING),
        decimal("balance", 12, 2),
        column("weight", DOUBLE),
        column("opened", DATE),
        column("updated_at", TIMESTAMP_MILLIS),
        changeSequence());
  }

  private static Object[] loadRow(String time, int id, String name, String email, String updated) {
    long n = id;
    return row(
        time,
        id,
        name,
        email,
        money(n + ".00"),
        (double) n,
        date("2020-0" + n + "-0" + n),
        instant(updated));
  }

  private static Object[] event(String op, String time, long id, String name, String email) {
    return row(
        op,
        time,
        id,
        name,
        email,
        money(id + ".00"),
        (double) id,
        date("2020-0" + id + "-0" + id),
        instant("2024-01-16T00:00:00Z"),
        "");
  }

  private static Object[] weighted(String op, long id, double weight) {
    return row(
        op,
        "2024-01-16 00:00:00.000000",
        id,
        "Alice",
        "alice@example.com",
        money("1.00"),
        weight,
        date("2020-01-01"),
        instant("2024-01-16T00:00:00Z"),
        "");
  }

  private static Object[] update(long id, String name) {
    return event("U", "2024-01-16 00:00:00.000000", id, name, "x@example.com");
  }

  private static Object[][] manyUpdates() {
    Object[][] rows = new Object[2000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = event("U", "2024-01-16 00:00:00.000000", 1, "name " + i, "x@example.com");
    }
    return rows;
  }

  private static void truncate(String file) throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(file));
    Files.write(Path.of(file), Arrays.copyOf(bytes, bytes.length / 2));
  }

  /** Overwrites the middle of the data pages and leaves the footer intact. */
  private static void corruptPages(String file) throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(file));
    for (int i = 64; i < bytes.length / 2; i++) {
      bytes[i] = (byte) 0x5A;
    }
    Files.write(Path.of(file), bytes);
  }

  private static void text(BronzeFixture bronze, String relative, String content) throws Exception {
    Path file = bronze.tableFolder("accounts").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void deleteTable(BronzeFixture bronze) throws Exception {
    try (Stream<Path> files = Files.walk(bronze.tableFolder("accounts"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
