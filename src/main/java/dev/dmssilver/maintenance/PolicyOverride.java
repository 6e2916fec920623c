package dev.dmssilver.maintenance;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dmssilver.SilverException;

/**
 * Some or all of a policy's four settings, in the policy file's spelling: a section of {@code
 * maintenance/policy.yaml}, or the flags of one {@code maintain} command. The one way a policy is
 * overridden: what this sets replaces, what it leaves out stays.
 */
public final class PolicyOverride {
  @JsonProperty("retain_last")
  private Integer retainLast;

  @JsonProperty("expire_older_than")
  private String expireOlderThan;

  @JsonProperty("target_file_size_mb")
  private Long targetFileSizeMb;

  @JsonProperty("orphan_older_than")
  private String orphanOlderThan;

  PolicyOverride() {}

  /** Each argument may be null: that setting is then left as it is. */
  public static PolicyOverride of(
      Integer retainLast, String expireOlderThan, Long targetFileSizeMb, String orphanOlderThan) {
    PolicyOverride override = new PolicyOverride();
    override.retainLast = retainLast;
    override.expireOlderThan = expireOlderThan;
    override.targetFileSizeMb = targetFileSizeMb;
    override.orphanOlderThan = orphanOlderThan;
    return override;
  }

  /** {@code policy} with the settings this one sets replaced, each checked as it is applied. */
  public MaintenancePolicy over(MaintenancePolicy policy) {
    MaintenancePolicy result = requireNonNull(policy, "policy is null");
    if (retainLast != null) {
      result = result.withRetainLast(retainLast);
    }
    if (expireOlderThan != null) {
      result = result.withExpireOlderThan(Durations.parse(expireOlderThan));
    }
    if (targetFileSizeMb != null) {
      result = result.withTargetFileSizeBytes(targetFileSizeMb * MaintenancePolicy.MEGABYTE);
    }
    if (orphanOlderThan != null) {
      result = result.withOrphanOlderThan(Durations.parse(orphanOlderThan));
    }
    return result;
  }

  /** A whole policy, for the {@code defaults} section, which must set all four. */
  MaintenancePolicy complete(String source, String section) {
    if (retainLast == null
        || expireOlderThan == null
        || targetFileSizeMb == null
        || orphanOlderThan == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load maintenance policy "
              + source
              + ": '"
              + section
              + "' needs retain_last, expire_older_than, target_file_size_mb and"
              + " orphan_older_than");
    }
    return new MaintenancePolicy(
        retainLast,
        Durations.parse(expireOlderThan),
        targetFileSizeMb * MaintenancePolicy.MEGABYTE,
        Durations.parse(orphanOlderThan));
  }
}
