package dev.dmssilver.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run writes into the summary of every snapshot it commits, so that {@code
 * <table>.snapshots} in Spark and {@code "<table>$snapshots"} in Athena say which run wrote a
 * snapshot and from what.
 */
public final class RunRecord {
  public static final String RUN_ID = "silver.run-id";
  public static final String JOB = "silver.job";
  public static final String VERSION = "silver.version";
  public static final String BRONZE_FILES = "silver.bronze-files";
  public static final String BRONZE_EVENTS = "silver.bronze-events";
  public static final String BRONZE_NEWEST_COMMIT = "silver.bronze-newest-commit";
  public static final String SILVER_ROWS = "silver.silver-rows";
  public static final String QUARANTINE_ROWS = "silver.quarantine-rows";

  /** passed, failed or accepted: the publish gate's verdict on this run. */
  public static final String GATE = "silver.gate";

  /** The thresholds the run broke, if any. */
  public static final String GATE_FAILURES = "silver.gate-failures";

  private final Map<String, String> properties;

  private RunRecord(Map<String, String> properties) {
    this.properties = Collections.unmodifiableMap(properties);
  }

  public static Builder builder(String runId, String job) {
    return new Builder(runId, job);
  }

  public String runId() {
    return properties.get(RUN_ID);
  }

  public String job() {
    return properties.get(JOB);
  }

  public Map<String, String> properties() {
    return properties;
  }

  /** The properties as Iceberg write options: {@code snapshot-property.<key>}. */
  public Map<String, String> writeOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    properties.forEach((key, value) -> options.put("snapshot-property." + key, value));
    return options;
  }

  public static final class Builder {
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder(String runId, String job) {
      properties.put(RUN_ID, requireNonNull(runId, "runId is null"));
      properties.put(JOB, requireNonNull(job, "job is null"));
    }

    public Builder put(String key, Object value) {
      if (value != null) {
        properties.put(key, String.valueOf(value));
      }
      return this;
    }

    public RunRecord build() {
      return new RunRecord(new LinkedHashMap<>(properties));
    }
  }
}
