package dev.dmssilver.bench;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bench.BenchReport.JobFigures;
import dev.dmssilver.bench.Benchmark.Measurement;
import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.job.RunSettings;
import dev.dmssilver.lakehouse.CatalogSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * What a benchmark times: which jobs, which variants, how often, over which Bronze folders (largest
 * first). Every round measures every size; the figures come back smallest first, each size's jobs
 * in the order given.
 */
public final class BenchPlan {
  private final List<Contract> jobs;
  private final List<BenchVariant> variants;
  private final int repeat;
  private final int warmUpRounds;
  private final List<Path> bronzeBySize;

  /**
   * @param warmUpRounds untimed rounds before timing in this process; 0 for none
   * @param bronzeBySize absolute Bronze folders, largest first
   */
  public BenchPlan(
      List<Contract> jobs,
      List<BenchVariant> variants,
      int repeat,
      int warmUpRounds,
      List<Path> bronzeBySize) {
    this.jobs = requireNonNull(jobs, "jobs is null");
    this.variants = requireNonNull(variants, "variants is null");
    this.repeat = repeat;
    this.warmUpRounds = warmUpRounds;
    this.bronzeBySize = requireNonNull(bronzeBySize, "bronzeBySize is null");
  }

  /** Warm runs side by side in this process, on one Spark session with {@code catalog}. */
  public List<JobFigures> inThisProcess(
      SparkSession spark, CatalogSettings catalog, Contracts known) {
    List<RunSettings> sizes = new ArrayList<>();
    for (Path bronze : bronzeBySize) {
      sizes.add(
          RunSettings.of(BronzeSettings.withDefaults(bronze.toString()), catalog, known)
              .acceptingGateFailures());
    }
    Benchmark benchmark = new Benchmark(spark, sizes);
    return smallestFirst(
        contract -> benchmark.runEachSize(contract, variants, repeat, warmUpRounds));
  }

  /** Each run a whole process of its own, started by {@code processes}. */
  public List<JobFigures> inFreshProcesses(FreshProcesses processes) {
    return smallestFirst(
        contract -> processes.runEachSize(contract.table(), bronzeBySize, variants, repeat));
  }

  /** Each job's figures at every size, regrouped smallest size first, jobs in order. */
  private List<JobFigures> smallestFirst(
      Function<Contract, List<List<Measurement>>> eachSizeOfJob) {
    List<List<JobFigures>> bySize = new ArrayList<>();
    for (int i = 0; i < bronzeBySize.size(); i++) {
      bySize.add(new ArrayList<>());
    }
    for (Contract contract : jobs) {
      List<List<Measurement>> ofJob = eachSizeOfJob.apply(contract);
      for (int i = 0; i < bronzeBySize.size(); i++) {
        bySize.get(i).add(new JobFigures(contract.table(), ofJob.get(i)));
      }
    }
    List<JobFigures> figures = new ArrayList<>();
    for (List<JobFigures> ofSize : bySize) {
      figures.addAll(0, ofSize);
    }
    return figures;
  }
}
