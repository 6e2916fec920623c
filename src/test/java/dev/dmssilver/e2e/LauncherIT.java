package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.SilverProcess.Finished;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's promise: bin/silver demo works, and its queries to try do too. */
class LauncherIT {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  @TempDir static Path folder;
  private static Finished demo;

  @BeforeAll
  static void runTheDemo() throws Exception {
    demo =
        silver("demo", "--events", "5000", "--dir", folder.resolve("demo").toString(), "--fresh");
  }

  @Test
  void theDemoRunsAllSixJobsAndPrintsASummaryAndQueriesToTry() {
    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout())
        .contains("table ", "files", "events", "deleted", "silver", "quarantined")
        .contains(
            "dim_customer",
            "dim_product",
            "fact_orders",
            "fact_order_items",
            "fact_payments",
            "fact_shipments")
        .contains("Quarantined rows by reason")
        .contains("Try:")
        .doesNotContain("FAILED");
    assertThat(demo.stderr())
        .containsPattern("\\[fact_orders [^]]+] published snapshot")
        .doesNotContain("Exception");
  }

  @Test
  void laterCommandsMapTheClassArchiveAnEarlierRunWroteAsItExited() throws Exception {
    // The demo above wrote the archive as it exited, or found one an earlier command wrote.
    Finished result =
        silver(Map.of("SILVER_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "--version");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).startsWith("silver ");
    assertThat(result.stderr()).contains("source: shared objects file (top)");
    assertThat(archives()).hasSize(1);
  }

  @Test
  void aCutShortArchiveIsDeletedInsteadOfMapped() throws Exception {
    silver("--version");
    Path archive = archives().get(0);
    String key = archive.getFileName().toString().replace(".jsa", "");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path cutShort = archive.resolveSibling(key + "." + gone.pid() + ".new");
    try (java.io.InputStream whole = Files.newInputStream(archive)) {
      Files.write(cutShort, whole.readNBytes(32 * 1024 * 1024));
    }

    Finished result = silver("--version");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).startsWith("silver ");
    assertThat(result.stderr()).doesNotContain("Aborted");
    assertThat(cutShort).doesNotExist();
    assertThat(archive).exists();
  }

  @Test
  void aFlightRecordingRunsWithoutTheClassArchive() throws Exception {
    // JDK 17 crashes when Flight Recorder starts in a JVM that maps a dynamic archive.
    silver("--version");
    assertThat(archives()).as("the archive the demo wrote, adopted").hasSize(1);
    Path recording = folder.resolve("version.jfr");
    Finished result =
        silver(
            Map.of(
                "SILVER_JAVA_OPTS",
                "-XX:StartFlightRecording=filename=" + recording + " -Xlog:class+load=info:stderr"),
            "--version");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("silver "); // after Flight Recorder's own start-up lines
    assertThat(result.stderr()).doesNotContain("source: shared objects file (top)");
    assertThat(recording).exists();
  }

  @Test
  void theClientCompilerAloneUnlessTheFullJitIsAskedForOrAWarmBenchmarkRuns() throws Exception {
    Map<String, String> printFlags = Map.of("SILVER_JAVA_OPTS", "-XX:+PrintFlagsFinal");
    String clientOnly = "TieredStopAtLevel\\s+=\\s+1\\s";
    String tiered = "TieredStopAtLevel\\s+=\\s+4\\s";

    Finished quick = silver(printFlags, "--version");
    Finished full = silver(withJit("full", printFlags), "--version");
    Finished warmBench = silver(printFlags, "bench", "--help");
    Finished freshBench = silver(printFlags, "bench", "--fresh-processes", "--help");

    assertThat(List.of(quick, full, warmBench, freshBench))
        .allSatisfy(result -> assertThat(result.exitCode()).as(result.stderr()).isZero());
    assertThat(quick.stdout()).containsPattern(clientOnly);
    assertThat(full.stdout()).containsPattern(tiered);
    assertThat(warmBench.stdout()).containsPattern(tiered);
    assertThat(freshBench.stdout()).containsPattern(clientOnly);
  }

  @Test
  void anUnknownJitModeIsRefusedBeforeTheJvmStarts() throws Exception {
    Finished result = silver(withJit("fastest", Map.of()), "--version");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("SILVER_JIT is 'fastest'; expected quick or full");
  }

  private static Map<String, String> withJit(String mode, Map<String, String> environment) {
    Map<String, String> with = new java.util.HashMap<>(environment);
    with.put("SILVER_JIT", mode);
    return with;
  }

  /** The launcher's class-data archives for this build: one, once a command has adopted it. */
  private static List<Path> archives() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(PROJECT.resolve("target/launcher/cds"))) {
      return files.filter(file -> file.toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void sqlPrintsTabSeparatedValuesWithAHeader() throws Exception {
    Finished result =
        silver(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "tsv",
            "SELECT delivery_status, count(*) AS shipments FROM silver.fact_shipments"
                + " WHERE delivery_status IN ('delivered', 'pending') GROUP BY delivery_status ORDER BY delivery_status");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("delivery_status\tshipments");
    assertThat(lines.get(1)).matches("delivered\t[0-9]+");
    assertThat(lines.get(2)).matches("pending\t[0-9]+");
  }

  @Test
  void sqlReadsMetadataTablesAndTimeTravels() throws Exception {
    Finished snapshots =
        silver(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "tsv",
            "SELECT snapshot_id, summary['silver.silver-rows'] FROM silver.fact_orders.snapshots"
                + " WHERE summary['silver.run-id'] IS NOT NULL");
    assertThat(snapshots.exitCode()).as(snapshots.stderr()).isZero();
    String[] first = snapshots.stdout().lines().skip(1).findFirst().orElseThrow().split("\t");

    Finished travelled =
        silver(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "json",
            "SELECT count(*) AS orders FROM silver.fact_orders VERSION AS OF " + first[0]);

    assertThat(travelled.exitCode()).as(travelled.stderr()).isZero();
    assertThat(travelled.stdout().trim()).isEqualTo("{\"orders\":" + first[1] + "}");
  }

  @Test
  void everyRunSnapshotOfFactOrdersCarriesItsRunRecordAndSharesItsRunIdWithQuarantine()
      throws Exception {
    Finished silverSnapshots =
        silver(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "tsv",
            "SELECT summary FROM silver.fact_orders.snapshots");
    Finished quarantineRunIds =
        silver(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "tsv",
            "SELECT DISTINCT summary['silver.run-id'] FROM silver.quarantine.snapshots"
                + " WHERE summary['silver.job'] = 'fact_orders'");

    assertThat(silverSnapshots.exitCode()).as(silverSnapshots.stderr()).isZero();
    // The demo's run is the table's first and only snapshot.
    List<String> summaries = silverSnapshots.stdout().lines().skip(1).toList();
    assertThat(summaries).hasSize(1);
    String run = summaries.get(0);
    assertThat(run)
        .containsPattern("silver.run-id -> [0-9T]+Z-[0-9a-f]+")
        .contains("silver.job -> fact_orders")
        .containsPattern("silver.version -> [0-9]+\\.[0-9]+")
        .containsPattern("silver.bronze-files -> [1-9][0-9]*")
        .containsPattern("silver.bronze-events -> [1-9][0-9]*")
        .containsPattern("silver.bronze-newest-commit -> 20[0-9-]+T")
        .containsPattern("silver.silver-rows -> [1-9][0-9]*")
        .containsPattern("silver.quarantine-rows -> [0-9]+")
        .contains("silver.gate -> passed");
    String runId = run.replaceAll(".*silver.run-id -> ([^,}]+).*", "$1");
    assertThat(quarantineRunIds.stdout().lines().skip(1)).containsExactly(runId);
  }

  @Test
  void anUnknownJobIsAUsageErrorListingTheKnownOnes() throws Exception {
    Finished result =
        silver(
            "run",
            "--job",
            "fact_order",
            "--bronze",
            folder.toString(),
            "--warehouse",
            warehouse());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "Cannot find job fact_order: known jobs are [dim_customer, dim_product, fact_order_items,"
                + " fact_orders, fact_payments, fact_shipments]");
  }

  @Test
  void aMisspeltOptionIsRefused() throws Exception {
    Finished result =
        silver("run", "--all", "--bronze", folder.toString(), "--warehous", warehouse());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("Unknown options: '--warehous'")
        .contains("Possible solutions: --warehouse")
        .doesNotContain("Missing required option");
  }

  @Test
  void aFailedJobExitsNonZeroAndSaysWhichAndWhy() throws Exception {
    Finished result =
        silver(
            "run",
            "--job",
            "dim_product",
            "--bronze",
            folder.toString(),
            "--warehouse",
            warehouse());

    assertThat(result.exitCode()).as("bad input").isEqualTo(2);
    assertThat(result.stdout())
        .contains("dim_product")
        .contains("FAILED")
        .contains(
            "Cannot read Bronze table products: folder "
                + folder
                + "/public/products does not exist");
  }

  @Test
  void offATerminalTheStepLinesArePlainText() {
    assertThat(demo.stdout() + demo.stderr()).doesNotContain("\u001b").doesNotContain("[0m");
  }

  @Test
  void onATerminalARunShowsOneLivePerTableLineAndKeepsItsStepLogInAFile() throws Exception {
    // script(1) gives bin/silver a pseudo-terminal, as a user's shell would.
    String command =
        String.join(
            " ",
            PROJECT.resolve("bin/silver").toAbsolutePath().toString(),
            "run",
            "--job",
            "dim_product",
            "--job",
            "fact_orders",
            "--bronze",
            folder.resolve("demo/bronze").toString(),
            "--warehouse",
            folder.resolve("terminal-warehouse").toString());
    Path typescript = folder.resolve("terminal.txt");
    Process process =
        new ProcessBuilder("script", "-qfec", command, typescript.toString())
            .directory(PROJECT.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor()).isZero();
    String screen = Files.readString(typescript);

    assertThat(screen)
        .contains("\u001b[2K")
        .containsPattern("dim_product +done +[0-9.]+ s")
        .containsPattern("fact_orders +done +[0-9.]+ s")
        .containsPattern("Run [0-9T]+Z-[0-9a-f]+")
        .doesNotContain(" INFO ");
    String log = screen.replaceAll("(?s).*step log in (\\S+\\.log).*", "$1");
    assertThat(Paths.get(log)).exists();
    assertThat(Files.readString(Paths.get(log)))
        .containsPattern("INFO +\\[fact_orders [^]]+] published snapshot");
  }

  private static String warehouse() {
    return folder.resolve("demo/warehouse").toString();
  }

  private static Finished silver(String... arguments) throws IOException, InterruptedException {
    return silver(Map.of(), arguments);
  }

  private static Finished silver(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    return SilverProcess.run(folder, PROJECT, environment, arguments);
  }
}
