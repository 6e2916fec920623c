package dev.dmssilver.lakehouse;

import dev.dmssilver.SilverException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach S3: AWS itself (the default), or an S3-compatible server at an endpoint, which
 * implies path-style access. Produces the Iceberg FileIO properties (warehouse) and the Hadoop S3A
 * properties (Bronze reads off Glue) from the same two settings. Credentials are never settings:
 * they come from the AWS default chain (environment, profile, instance or Glue role).
 */
public final class ObjectStoreSettings {
  /** Hadoop's file system for s3:// URIs. Glue and EMR configure their own; elsewhere, S3A. */
  public static final String S3_SCHEME_FILE_SYSTEM = "fs.s3.impl";

  private static final String S3A_FILE_SYSTEM = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  // A connection that cannot be made should fail a run in seconds, not after S3A's default of
  // twenty attempts with back-off. Throttling (503) keeps its own, longer retry budget.
  private static final String S3A_ATTEMPTS = "3";
  private static final String S3A_RETRY_LIMIT = "3";
  private static final String S3A_RETRY_INTERVAL = "500ms";
  private static final String CONNECT_TIMEOUT_MILLIS = "5000";

  private final String endpoint;
  private final String region;

  private ObjectStoreSettings(String endpoint, String region) {
    this.endpoint = endpoint == null || endpoint.isEmpty() ? null : checkedEndpoint(endpoint);
    this.region = region == null || region.isEmpty() ? null : region;
  }

  /** AWS S3, with the region from the AWS default chain unless one is given. */
  public static ObjectStoreSettings aws(String region) {
    return new ObjectStoreSettings(null, region);
  }

  /** Any S3-compatible server (MinIO, S3Proxy, a VPC endpoint) at {@code endpoint}. */
  public static ObjectStoreSettings of(String endpoint, String region) {
    return new ObjectStoreSettings(endpoint, region);
  }

  public static ObjectStoreSettings defaults() {
    return new ObjectStoreSettings(null, null);
  }

  private static String checkedEndpoint(String endpoint) {
    checkHttpUrl("--s3-endpoint", endpoint);
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** Refuses an AWS endpoint {@code option} that is no http:// or https:// URL. */
  static void checkHttpUrl(String option, String endpoint) {
    String lower = endpoint.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot use " + option + " " + endpoint + ": expected an http:// or https:// URL");
    }
  }

  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** Where requests go, for messages: the endpoint, or AWS S3 in a region. */
  public String describe() {
    if (endpoint != null) {
      return endpoint;
    }
    return "AWS S3" + (region == null ? "" : " in " + region);
  }

  /** Properties for Iceberg's S3FileIO and AWS clients, without a catalog prefix. */
  public Map<String, String> icebergProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    if (endpoint != null) {
      properties.put("s3.endpoint", endpoint);
      properties.put("s3.path-style-access", "true");
    }
    if (region != null) {
      properties.put("client.region", region);
    }
    properties.put("http-client.apache.connection-timeout-ms", CONNECT_TIMEOUT_MILLIS);
    return properties;
  }

  /** Hadoop properties for S3A, which reads Bronze on s3:// and s3a:// off Glue. */
  public Map<String, String> hadoopProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(
        "fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    properties.put("fs.s3a.attempts.maximum", S3A_ATTEMPTS);
    properties.put("fs.s3a.retry.limit", S3A_RETRY_LIMIT);
    properties.put("fs.s3a.retry.interval", S3A_RETRY_INTERVAL);
    properties.put("fs.s3a.connection.establish.timeout", CONNECT_TIMEOUT_MILLIS);
    if (endpoint != null) {
      properties.put("fs.s3a.endpoint", endpoint);
      properties.put("fs.s3a.path.style.access", "true");
      properties.put(
          "fs.s3a.connection.ssl.enabled",
          Boolean.toString(endpoint.toLowerCase(Locale.ROOT).startsWith("https://")));
    }
    if (region != null) {
      properties.put("fs.s3a.endpoint.region", region);
    }
    return properties;
  }

  /** Maps s3:// to S3A, so the same s3:// URIs work as on Glue, unless the platform has one. */
  public static Map<String, String> s3SchemeFileSystem(String configured) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (configured == null || configured.isEmpty()) {
      properties.put(S3_SCHEME_FILE_SYSTEM, S3A_FILE_SYSTEM);
    }
    return properties;
  }

  public static boolean isS3(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://");
  }
}
