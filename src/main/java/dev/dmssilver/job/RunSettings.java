package dev.dmssilver.job;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.bronze.BronzeSettings;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.WriteSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** Everything one run of the jobs needs besides the Spark session. Immutable; withers copy. */
public final class RunSettings {
  /** How far past the run's start a commit timestamp may be before it counts as future. */
  public static final Duration FUTURE_TOLERANCE_DEFAULT = Duration.ofMinutes(5);

  private final BronzeSettings bronze;
  private final CatalogSettings catalog;
  private final Contracts contracts;
  private final String runId;
  private final Clock clock;
  private final Duration futureTolerance;
  private final boolean acceptGateFailures;
  private final WriteSettings writes;
  private final int maxConcurrentJobs;
  private final Mode mode;

  /** How the jobs build Silver. */
  public enum Mode {
    /** Every run rebuilds from the whole Bronze history: the default, and the reference. */
    FULL,
    /** Apply only the Bronze files not applied yet; a full rebuild where that cannot be trusted. */
    INCREMENTAL,
    /** A full rebuild that also saves the incremental state afresh. */
    REBUILD_STATE
  }

  public RunSettings(
      BronzeSettings bronze,
      CatalogSettings catalog,
      Contracts contracts,
      String runId,
      Clock clock,
      Duration futureTolerance) {
    this(
        bronze,
        catalog,
        contracts,
        runId,
        clock,
        futureTolerance,
        false,
        WriteSettings.tableDefaults(),
        Integer.MAX_VALUE,
        Mode.FULL);
  }

  private RunSettings(
      BronzeSettings bronze,
      CatalogSettings catalog,
      Contracts contracts,
      String runId,
      Clock clock,
      Duration futureTolerance,
      boolean acceptGateFailures,
      WriteSettings writes,
      int maxConcurrentJobs,
      Mode mode) {
    this.mode = requireNonNull(mode, "mode is null");
    this.bronze = requireNonNull(bronze, "bronze is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.futureTolerance = requireNonNull(futureTolerance, "futureTolerance is null");
    this.acceptGateFailures = acceptGateFailures;
    this.writes = requireNonNull(writes, "writes is null");
    this.maxConcurrentJobs = maxConcurrentJobs;
  }

  public static RunSettings of(
      BronzeSettings bronze, CatalogSettings catalog, Contracts contracts) {
    Clock clock = Clock.systemUTC();
    return new RunSettings(
        bronze, catalog, contracts, newRunId(clock), clock, FUTURE_TOLERANCE_DEFAULT);
  }

  /** A run id that sorts by time and is unique: {@code 20240115T101500Z-1a2b3c4d}. */
  public static String newRunId(Clock clock) {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(clock.instant());
    return time + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public BronzeSettings bronze() {
    return bronze;
  }

  public CatalogSettings catalog() {
    return catalog;
  }

  public Contracts contracts() {
    return contracts;
  }

  public String runId() {
    return runId;
  }

  public Clock clock() {
    return clock;
  }

  public Duration futureTolerance() {
    return futureTolerance;
  }

  public boolean acceptsGateFailures() {
    return acceptGateFailures;
  }

  public RunSettings withRunId(String newRunId) {
    return copy(newRunId, acceptGateFailures, writes, maxConcurrentJobs, mode);
  }

  /** The same settings, but publishing runs that fail the gate (for a known one-off). */
  public RunSettings acceptingGateFailures() {
    return copy(runId, true, writes, maxConcurrentJobs, mode);
  }

  /** At most this many jobs run at once; all of them by default. */
  public int maxConcurrentJobs() {
    return maxConcurrentJobs;
  }

  public RunSettings withMaxConcurrentJobs(int newMaxConcurrentJobs) {
    return copy(runId, acceptGateFailures, writes, newMaxConcurrentJobs, mode);
  }

  /** How the Silver and quarantine writes lay out files. */
  public WriteSettings writes() {
    return writes;
  }

  public RunSettings withWrites(WriteSettings newWrites) {
    return copy(runId, acceptGateFailures, newWrites, maxConcurrentJobs, mode);
  }

  public Mode mode() {
    return mode;
  }

  public RunSettings withMode(Mode newMode) {
    return copy(runId, acceptGateFailures, writes, maxConcurrentJobs, newMode);
  }

  /** A copy with the settings a wither can change; the rest are fixed at construction. */
  private RunSettings copy(
      String newRunId,
      boolean newAcceptGateFailures,
      WriteSettings newWrites,
      int newMaxConcurrentJobs,
      Mode newMode) {
    return new RunSettings(
        bronze,
        catalog,
        contracts,
        newRunId,
        clock,
        futureTolerance,
        newAcceptGateFailures,
        newWrites,
        newMaxConcurrentJobs,
        newMode);
  }
}
