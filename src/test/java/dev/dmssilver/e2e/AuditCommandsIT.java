package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.SilverProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands as an auditor uses them, through bin/silver: tag the month-end state, run
 * again, list snapshots, diff the tag against main, maintain with the tightest retention, and time
 * travel to the tag afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCommandsIT {
  private static final int ORDERS = 300;

  @TempDir static Path folder;
  private static String bronze;
  private static String warehouse;

  @BeforeAll
  static void runTagAndRunAgain() throws Exception {
    BronzeFixture fixture = new BronzeFixture(folder.resolve("bronze"));
    OrdersHistory history = new OrdersHistory(fixture, ORDERS);
    bronze = fixture.root();
    warehouse = folder.resolve("warehouse").toString();
    history.writeFullLoad();
    succeed("run", "--job", "fact_orders", "--bronze", bronze, "--warehouse", warehouse);
    String tagged =
        succeed(
            "tag",
            "--warehouse",
            warehouse,
            "--table",
            "fact_orders",
            "--as-of",
            Instant.now().toString(),
            "--name",
            "month-end-2024-01",
            "--retain",
            "365d");
    assertThat(tagged).contains("Tagged fact_orders snapshot", "as 'month-end-2024-01'", "365d");
    history.writeNextDay();
    succeed("run", "--job", "fact_orders", "--bronze", bronze, "--warehouse", warehouse);
  }

  @Test
  @Order(1)
  void snapshotsListsEachSnapshotNewestLastWithItsRunRowsAndTags() throws Exception {
    List<String> lines =
        succeed("snapshots", "--warehouse", warehouse, "--table", "fact_orders", "--format", "tsv")
            .lines()
            .toList();

    assertThat(lines.get(0)).isEqualTo("snapshot_id\tcommitted_at\toperation\trun_id\trows\trefs");
    assertThat(lines).hasSize(3);
    // The tagged full load is the table's first snapshot, then the current state.
    assertThat(lines.get(1))
        .matches("[0-9-]+\t.*\toverwrite\t[0-9T]+Z-[0-9a-f]+\t300\tmonth-end-2024-01");
    assertThat(lines.get(2)).matches("[0-9-]+\t.*\toverwrite\t[0-9T]+Z-[0-9a-f]+\t291\tmain");
  }

  @Test
  @Order(2)
  void diffBetweenTheTagAndMainListsEachChangedKeyThenASummary() throws Exception {
    List<String> lines =
        succeed(
                "diff",
                "--warehouse",
                warehouse,
                "--table",
                "fact_orders",
                "--from",
                "month-end-2024-01",
                "--to",
                "main",
                "--columns")
            .lines()
            .toList();

    String summary = lines.get(lines.size() - 1);
    List<String> keys = lines.subList(0, lines.size() - 1);
    assertThat(summary)
        .doesNotStartWith("added")
        .doesNotStartWith("removed")
        .doesNotStartWith("changed")
        .startsWith("Compared fact_orders snapshot ")
        .endsWith(": 0 added, 9 removed, 97 changed, 194 unchanged.");
    assertThat(keys).hasSize(106);
    assertThat(keys)
        .startsWith("removed\t1")
        .contains(
            "changed\t3\torder_status: pending -> shipped; updated_at: 2024-01-14 08:00:00 ->"
                + " 2024-01-16 00:00:00",
            "removed\t50",
            "removed\t101");
    assertThat(keys).allMatch(line -> line.matches("(removed\t[0-9]+|changed\t[0-9]+\t.+)"));
  }

  @Test
  @Order(3)
  void maintainingWithTheTightestRetentionKeepsTheCurrentAndTheTaggedSnapshot() throws Exception {
    String report =
        succeed(
            "maintain",
            "--warehouse",
            warehouse,
            "--all",
            "--retain-last",
            "1",
            "--expire-older-than",
            "0d");

    assertThat(report).contains("fact_orders", "quarantine").doesNotContain("FAILED");
    assertThat(
            sql(
                "SELECT count(*) FROM silver.fact_orders.snapshots",
                "SELECT count(*) FROM silver.fact_orders VERSION AS OF 'month-end-2024-01'",
                "SELECT count(*) FROM silver.fact_orders",
                "SELECT count(*) FROM silver.quarantine.snapshots"))
        .containsExactly("2", String.valueOf(ORDERS), "291", "1");
  }

  private static List<String> sql(String... queries) throws Exception {
    // One process for all: each query's single count, in order.
    StringBuilder query = new StringBuilder("SELECT n FROM (");
    for (int i = 0; i < queries.length; i++) {
      if (i > 0) {
        query.append(" UNION ALL ");
      }
      query
          .append("SELECT ")
          .append(i)
          .append(" AS position, (")
          .append(queries[i])
          .append(") AS n");
    }
    query.append(") ORDER BY position");
    return succeed("sql", "--warehouse", warehouse, "--format", "tsv", query.toString())
        .lines()
        .skip(1)
        .toList();
  }

  private static String succeed(String... arguments) throws Exception {
    SilverProcess process = SilverProcess.start(folder, Map.of(), arguments);
    assertThat(process.waitFor()).as(process.stderr()).isZero();
    return process.stdout();
  }
}
