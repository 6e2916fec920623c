package dev.dmssilver.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Whether and where a run publishes CloudWatch metrics. Off on a laptop, on under Glue; the
 * namespace and the Environment dimension tell one deployment's metrics from another's.
 */
public final class MetricsSettings {
  public static final String NAMESPACE_DEFAULT = "SilverLakehouse";
  public static final String ENVIRONMENT_DEFAULT = "local";

  private final boolean enabled;
  private final String namespace;
  private final String environment;
  private final String endpoint;
  private final String region;

  private MetricsSettings(
      boolean enabled, String namespace, String environment, String endpoint, String region) {
    this.enabled = enabled;
    this.namespace = requireNonNull(namespace, "namespace is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.endpoint = endpoint;
    this.region = region;
  }

  public static MetricsSettings off() {
    return new MetricsSettings(false, NAMESPACE_DEFAULT, ENVIRONMENT_DEFAULT, null, null);
  }

  /** Publishing on, to CloudWatch at {@code endpoint} (a VPC endpoint, a test server) or AWS. */
  public static MetricsSettings cloudWatch(
      String namespace, String environment, String endpoint, String region) {
    return new MetricsSettings(true, namespace, environment, endpoint, region);
  }

  public boolean enabled() {
    return enabled;
  }

  public String namespace() {
    return namespace;
  }

  public String environment() {
    return environment;
  }

  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }
}
