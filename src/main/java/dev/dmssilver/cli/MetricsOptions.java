package dev.dmssilver.cli;

import dev.dmssilver.report.MetricsSettings;
import picocli.CommandLine.Option;

/** Whether and where to publish CloudWatch metrics. On under AWS Glue, off elsewhere. */
final class MetricsOptions {
  @Option(
      names = "--cloudwatch",
      arity = "0..1",
      description =
          "Publish CloudWatch metrics at the end of each job. Default: on under AWS Glue, off elsewhere.")
  boolean cloudWatch;

  @Option(
      names = "--cloudwatch-endpoint",
      paramLabel = "URL",
      description = "CloudWatch endpoint override: a VPC endpoint, or a test server.")
  String endpoint;

  @Option(
      names = "--metrics-namespace",
      defaultValue = MetricsSettings.NAMESPACE_DEFAULT,
      paramLabel = "NAME",
      description = "CloudWatch namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(
      names = "--environment",
      defaultValue = MetricsSettings.ENVIRONMENT_DEFAULT,
      paramLabel = "NAME",
      description =
          "The Environment dimension of every metric (dev, staging, prod, ...). Default: ${DEFAULT-VALUE}.")
  String environment;

  MetricsSettings settings(ObjectStoreOptions objectStore) {
    if (!cloudWatch) {
      return MetricsSettings.off();
    }
    return MetricsSettings.cloudWatch(namespace, environment, endpoint, objectStore.region);
  }
}
