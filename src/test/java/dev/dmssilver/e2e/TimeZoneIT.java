package dev.dmssilver.e2e;

import static dev.dmssilver.testing.BronzeFixture.instant;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.OrdersHistory;
import dev.dmssilver.testing.SilverProcess;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on a machine in New York gives the same Silver as on Glue in UTC: the session time zone is
 * pinned to UTC, so a string {@code _dms_timestamp} and every TIMESTAMPTZ instant mean the same,
 * and {@code months(order_date)} is the UTC month. An order placed at 23:30 on 31 January in New
 * York is 04:30 UTC on 1 February: a February order.
 */
class TimeZoneIT {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  @TempDir Path folder;

  @Test
  void anOrderAt2330On31JanuaryInNewYorkIsAFebruaryOrderWhateverTheMachinesZone() throws Exception {
    BronzeFixture bronze = new BronzeFixture(folder.resolve("bronze"));
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        OrdersHistory.orderColumns(true),
        // 2024-01-31 23:30 at UTC-5, and 2024-01-31 23:30 UTC.
        row(
            "I",
            "2024-02-01 04:40:00.000000",
            1,
            7,
            instant("2024-02-01T04:30:00Z"),
            "pending",
            instant("2024-02-01T04:30:00Z")),
        row(
            "I",
            "2024-02-01 04:40:00.000000",
            2,
            7,
            instant("2024-01-31T23:30:00Z"),
            "pending",
            instant("2024-01-31T23:30:00Z")));
    Path warehouse = folder.resolve("warehouse");

    Map<String, String> newYork =
        Map.of("TZ", "America/New_York", "SILVER_JAVA_OPTS", "-Duser.timezone=America/New_York");
    SilverProcess.Finished run =
        SilverProcess.run(
            folder,
            PROJECT,
            newYork,
            "run",
            "--job",
            "fact_orders",
            "--bronze",
            bronze.root(),
            "--warehouse",
            warehouse.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    // Read back in New York too: what the job wrote, and how the CLI shows it.
    SilverProcess.Finished rows =
        SilverProcess.run(
            folder,
            PROJECT,
            newYork,
            "sql",
            "--warehouse",
            warehouse.toString(),
            "--format",
            "tsv",
            "SELECT order_id, date_format(order_date, 'yyyy-MM-dd HH:mm:ss') AS placed,"
                + " _partition.order_date_month AS month FROM silver.fact_orders ORDER BY order_id");
    SilverProcess.Finished newest =
        SilverProcess.run(
            folder,
            PROJECT,
            newYork,
            "sql",
            "--warehouse",
            warehouse.toString(),
            "--format",
            "tsv",
            "SELECT summary['silver.bronze-newest-commit'] AS newest FROM silver.fact_orders.snapshots"
                + " WHERE summary['silver.run-id'] IS NOT NULL");

    assertThat(rows.exitCode()).as(rows.stderr()).isZero();
    // Months since January 1970: 648 is January 2024, 649 February.
    assertThat(rows.stdout().lines())
        .containsExactly(
            "order_id\tplaced\tmonth",
            "1\t2024-02-01 04:30:00\t649",
            "2\t2024-01-31 23:30:00\t648");
    // The string _dms_timestamp "2024-02-01 04:40:00.000000" was read as UTC.
    assertThat(newest.stdout().lines()).containsExactly("newest", "2024-02-01T04:40:00Z");
  }
}
