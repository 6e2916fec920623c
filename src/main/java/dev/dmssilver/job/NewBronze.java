package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.BronzeDiscovery;
import dev.dmssilver.bronze.BronzeEvents;
import dev.dmssilver.bronze.BronzeInventory;
import dev.dmssilver.bronze.BronzeReader;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.bronze.ListedFile;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.incremental.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Bronze side of an incremental run: the files of a job and of the entities it enriches from,
 * listed to compare with its state, and the new ones read.
 */
final class NewBronze {
  private final SparkSession spark;
  private final BronzeSettings settings;

  NewBronze(SparkSession spark, BronzeSettings settings) {
    this.spark = requireNonNull(spark, "spark is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Every file of the job's Bronze table and of its parents', by table; no footer is read. */
  Map<String, List<ListedFile>> listings(Contract contract, List<Contract> parents) {
    Map<String, List<ListedFile>> listed = new LinkedHashMap<>();
    listed.put(contract.table(), list(contract));
    for (Contract parent : parents) {
      listed.put(parent.table(), list(parent));
    }
    return listed;
  }

  /** The events of {@code fresh}, files of {@code contract}'s Bronze table no run applied yet. */
  BronzeEvents read(Contract contract, List<ListedFile> fresh, JobState base) {
    String folder = settings.tableFolder(contract.bronze());
    BronzeInventory inventory =
        BronzeDiscovery.discover(spark, contract.bronze().table(), folder, fresh);
    return BronzeReader.readSome(
        spark, contract, settings, inventory, base.fullLoadStart(contract.table()));
  }

  private List<ListedFile> list(Contract contract) {
    return BronzeDiscovery.list(
        spark, contract.bronze().table(), settings.tableFolder(contract.bronze()));
  }
}
