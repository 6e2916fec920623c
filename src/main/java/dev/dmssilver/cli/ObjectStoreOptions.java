package dev.dmssilver.cli;

import dev.dmssilver.lakehouse.ObjectStoreSettings;
import picocli.CommandLine.Option;

/**
 * How to reach S3. Credentials are deliberately not options: they come from the AWS default chain
 * (environment variables, profile, instance or Glue role), so they never appear in a command line,
 * a shell history or a job definition.
 */
final class ObjectStoreOptions {
  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "An S3-compatible server (MinIO, S3Proxy) or a VPC endpoint; implies path-style access."
              + " Default: AWS S3.")
  String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region. Default: from the AWS default chain (AWS_REGION, profile, role).")
  String region;

  ObjectStoreSettings settings() {
    return ObjectStoreSettings.of(endpoint, region);
  }
}
