package dev.dmssilver.report;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
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
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  /**
   * Makes the client, before any job runs: metrics that are on but cannot be published (no region,
   * an endpoint that is no URL or where nothing listens) stop the run here, with nothing read or
   * written. Once jobs run, a CloudWatch failure never fails them.
   */
  public CloudWatchPublisher(MetricsSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    this.client = settings.enabled() ? build(settings) : null;
  }

  private static CloudWatchClient build(MetricsSettings settings) {
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.endpoint().isPresent()) {
      URI endpoint = checkedEndpoint(settings.endpoint().get());
      builder.endpointOverride(endpoint);
    }
    settings.region().ifPresent(region -> builder.region(Region.of(region)));
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot publish CloudWatch metrics: no AWS region is configured; pass --region or set"
              + " AWS_REGION, or leave --cloudwatch off",
          e);
    }
  }

  /** An http(s) URL where something accepts a connection, or a clear error naming it. */
  private static URI checkedEndpoint(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot use --cloudwatch-endpoint "
              + endpoint
              + ": it must be an http:// or https:// URL, such as https://monitoring.eu-west-1"
              + ".amazonaws.com");
    }
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.UNAVAILABLE,
          "Cannot publish CloudWatch metrics to "
              + endpoint
              + ": nothing answers there ("
              + e.getMessage()
              + "); nothing was run",
          e);
    }
    return uri;
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
