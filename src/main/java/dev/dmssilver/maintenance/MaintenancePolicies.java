package dev.dmssilver.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dmssilver.SilverException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The maintenance policy file ({@code maintenance/policy.yaml}): defaults and per-table overrides,
 * read strictly (an unknown key or a misspelt table is an error, not a silent default).
 */
public final class MaintenancePolicies {
  private static final String BUNDLED = "/dev/dmssilver/maintenance/policy.yaml";
  private static final YAMLMapper MAPPER = strictMapper();

  /** How long the incremental state keeps deleted keys when the file does not say. */
  static final String TOMBSTONE_HORIZON_DEFAULT = "30d";

  private final MaintenancePolicy defaults;
  private final Map<String, MaintenancePolicy> byTable;
  private final Duration tombstoneHorizon;

  private MaintenancePolicies(
      MaintenancePolicy defaults,
      Map<String, MaintenancePolicy> byTable,
      Duration tombstoneHorizon) {
    this.defaults = defaults;
    this.byTable = Collections.unmodifiableMap(byTable);
    this.tombstoneHorizon = tombstoneHorizon;
  }

  /** The policy bundled in the jar, copied from the repository's {@code maintenance/}. */
  public static MaintenancePolicies bundled() {
    try (InputStream input = MaintenancePolicies.class.getResourceAsStream(BUNDLED)) {
      if (input == null) {
        throw new SilverException(
            SilverException.Kind.CONFIGURATION, "Cannot find the bundled " + BUNDLED);
      }
      return parse("the bundled maintenance/policy.yaml", input);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot read the bundled " + BUNDLED, e);
    }
  }

  public static MaintenancePolicies fromFile(Path file) {
    try (InputStream input = Files.newInputStream(file)) {
      return parse(file.toString(), input);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot read maintenance policy " + file + ": " + e.getMessage(),
          e);
    }
  }

  static MaintenancePolicies parse(String source, InputStream input) throws IOException {
    PolicyDocument document;
    try {
      document = MAPPER.readValue(input, PolicyDocument.class);
    } catch (JsonMappingException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load maintenance policy " + source + ": " + e.getOriginalMessage(),
          e);
    }
    if (document == null || document.defaults == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load maintenance policy " + source + ": it needs a 'defaults' section");
    }
    MaintenancePolicy defaults = document.defaults.complete(source, "defaults");
    Map<String, MaintenancePolicy> byTable = new LinkedHashMap<>();
    for (Map.Entry<String, PolicyOverride> table : document.tables.entrySet()) {
      byTable.put(table.getKey(), table.getValue().over(defaults));
    }
    return new MaintenancePolicies(
        defaults,
        byTable,
        Durations.parse(
            document.tombstonesOlderThan == null
                ? TOMBSTONE_HORIZON_DEFAULT
                : document.tombstonesOlderThan));
  }

  /**
   * How long the incremental state keeps a deleted key (a tombstone), by its delete's commit time:
   * a late Bronze file older than its key's delete finds the key deleted within this horizon.
   */
  public Duration tombstoneHorizon() {
    return tombstoneHorizon;
  }

  /** The policy for {@code table}: its override, else the defaults. */
  public MaintenancePolicy forTable(String table) {
    MaintenancePolicy policy = byTable.get(table);
    return policy == null ? defaults : policy;
  }

  /** Refuses overrides for tables that do not exist: a misspelt name would silently not apply. */
  public void checkTablesAreKnown(Collection<String> knownTables) {
    Set<String> unknown = new TreeSet<>(byTable.keySet());
    unknown.removeAll(knownTables);
    if (!unknown.isEmpty()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot use maintenance policy: it names unknown tables "
              + unknown
              + "; known tables are "
              + new TreeSet<>(knownTables));
    }
  }

  private static YAMLMapper strictMapper() {
    YAMLMapper mapper = new YAMLMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return mapper;
  }

  /** The file exactly as written. */
  static final class PolicyDocument {
    @JsonProperty PolicyOverride defaults;
    @JsonProperty LinkedHashMap<String, PolicyOverride> tables = new LinkedHashMap<>();

    @JsonProperty("tombstones_older_than")
    String tombstonesOlderThan;
  }
}
