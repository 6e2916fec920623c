package dev.dmssilver.report;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends each job's metrics to CloudWatch in one PutMetricData request, with the AWS SDK v2 client
 * and the default credential chain. Data first, telemetry second: a failure to publish is logged
 * and never fails a job whose tables are already committed.
 */
public final class CloudWatchPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final MetricsSettings settings;
  private final CloudWatchClient client;

  public CloudWatchPublisher(MetricsSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    settings.region().ifPresent(region -> builder.region(Region.of(region)));
    this.client = settings.enabled() ? build(builder, settings) : null;
  }

  /** The client, or null with a clear warning if it cannot be made (no region, say). */
  private static CloudWatchClient build(CloudWatchClientBuilder builder, MetricsSettings settings) {
    try {
      return builder.build();
    } catch (RuntimeException e) {
      LOG.warn(
          "CloudWatch metrics are on but no client can be made, so none will be published"
              + " (set --region or AWS_REGION); the jobs run regardless: {}",
          e.getMessage());
      return null;
    }
  }

  /** Publishes one job's metrics; returns whether CloudWatch accepted them. */
  public boolean publish(String table, List<Metric> metrics) {
    if (client == null) {
      return false;
    }
    try {
      client.putMetricData(
          request -> request.namespace(settings.namespace()).metricData(toCloudWatch(metrics)));
      LOG.info(
          "[{}] published {} metrics to CloudWatch namespace {}",
          table,
          metrics.size(),
          settings.namespace());
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "[{}] cannot publish metrics to CloudWatch{}; the data is committed regardless: {}",
          table,
          settings.endpoint().map(endpoint -> " at " + endpoint).orElse(""),
          e.getMessage());
      return false;
    }
  }

  private static List<MetricDatum> toCloudWatch(List<Metric> metrics) {
    Instant now = Instant.now();
    List<MetricDatum> data = new ArrayList<>();
    for (Metric metric : metrics) {
      List<Dimension> dimensions = new ArrayList<>();
      for (Map.Entry<String, String> dimension : metric.dimensions().entrySet()) {
        dimensions.add(
            Dimension.builder().name(dimension.getKey()).value(dimension.getValue()).build());
      }
      data.add(
          MetricDatum.builder()
              .metricName(metric.name())
              .value(metric.value())
              .unit(unitOf(metric.unit()))
              .timestamp(now)
              .dimensions(dimensions)
              .build());
    }
    return data;
  }

  private static StandardUnit unitOf(Metric.Unit unit) {
    switch (unit) {
      case COUNT:
        return StandardUnit.COUNT;
      case SECONDS:
        return StandardUnit.SECONDS;
      case BYTES:
        return StandardUnit.BYTES;
      default:
        return StandardUnit.NONE;
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
