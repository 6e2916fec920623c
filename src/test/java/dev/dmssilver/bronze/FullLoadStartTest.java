package dev.dmssilver.bronze;

import static dev.dmssilver.dms.DmsColumn.Kind.INT;
import static dev.dmssilver.testing.BronzeFixture.column;
import static dev.dmssilver.testing.BronzeFixture.columns;
import static dev.dmssilver.testing.BronzeFixture.commitTimestamp;
import static dev.dmssilver.testing.BronzeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.contract.BronzeSource;
import dev.dmssilver.testing.BronzeFixture;
import dev.dmssilver.testing.TestSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullLoadStartTest {
  @TempDir Path folder;

  @Test
  void theEarliestStampOfAllLoadFilesFromTheirFootersOrFromTheColumnItself() {
    BronzeFixture bronze = new BronzeFixture(folder);
    bronze.write(
        "orders",
        "LOAD00000001.parquet",
        columns(commitTimestamp(), column("order_id", INT)),
        row("2024-01-15 10:00:02.500000", 1),
        row("2024-01-15 10:00:01.250000", 2));
    bronze.write(
        "orders",
        "LOAD00000002.parquet",
        columns(commitTimestamp(), column("order_id", INT)),
        row("2024-01-15 10:00:03.000000", 3));
    bronze.write(
        "orders",
        "2024/01/15/20240115-090000000.parquet",
        columns(commitTimestamp(), column("order_id", INT)),
        row("2024-01-15 09:00:00.000000", 4));
    BronzeInventory inventory =
        BronzeDiscovery.discover(
            TestSpark.session(),
            "orders",
            BronzeSettings.withDefaults(bronze.root())
                .tableFolder(new BronzeSource(null, "orders")));
    Instant start = Instant.parse("2024-01-15T10:00:01.250Z");

    assertThat(FullLoadStart.of(TestSpark.session(), inventory, "_DMS_TIMESTAMP")).contains(start);

    // The same files without footer statistics: the column itself is read.
    List<BronzeFile> withoutStatistics = new ArrayList<>();
    for (BronzeFile file : inventory.files()) {
      withoutStatistics.add(
          new BronzeFile(file.path(), file.sizeInBytes(), file.schema(), file.rowCount()));
    }
    BronzeInventory bare = new BronzeInventory("orders", inventory.folder(), withoutStatistics);
    assertThat(FullLoadStart.of(TestSpark.session(), bare, "_dms_timestamp")).contains(start);
  }
}
