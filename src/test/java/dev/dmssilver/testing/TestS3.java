package dev.dmssilver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server for integration tests: MinIO in a container where a Docker engine answers (as on
 * GitHub-hosted runners), otherwise S3Proxy as a child process (as here and in CI here, where no
 * Docker engine runs). Either way the tests run; nothing is skipped for want of Docker.
 */
public final class TestS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "silver-test-access";
  public static final String SECRET_KEY = "silver-test-secret-key";
  public static final String REGION = "us-east-1";
  private static final String MINIO_IMAGE = "minio/minio:RELEASE.2024-10-13T13-34-11Z";

  private final String endpoint;
  private final String kind;
  private final AutoCloseable server;
  private final S3Client client;

  private TestS3(String endpoint, String kind, AutoCloseable server) {
    this.endpoint = endpoint;
    this.kind = kind;
    this.server = server;
    this.client =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.of(REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build();
  }

  public static TestS3 start(Path workFolder) {
    if (dockerAvailable()) {
      MinIOContainer minio =
          new MinIOContainer(MINIO_IMAGE).withUserName(ACCESS_KEY).withPassword(SECRET_KEY);
      minio.start();
      return new TestS3(minio.getS3URL(), "MinIO " + MINIO_IMAGE, minio::stop);
    }
    return startS3Proxy(workFolder);
  }

  private static boolean dockerAvailable() {
    // Asking Testcontainers without any engine logs a page of errors: look for one first.
    if (System.getenv("DOCKER_HOST") == null && !Files.exists(Paths.get("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static TestS3 startS3Proxy(Path workFolder) {
    Path jar = Paths.get(System.getProperty("silver.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No Docker engine and no S3Proxy jar at " + jar + ": run the tests with mvn verify");
    }
    try {
      int port = freePort();
      Path data = Files.createDirectories(workFolder.resolve("s3proxy-data"));
      Path properties = workFolder.resolve("s3proxy.properties");
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=filesystem-nio2",
              "jclouds.filesystem.basedir=" + data),
          StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString(),
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(workFolder.resolve("s3proxy.log").toFile())
              .start();
      waitForPort(port, process, workFolder.resolve("s3proxy.log"));
      return new TestS3(
          "http://127.0.0.1:" + port,
          "S3Proxy (child process)",
          () -> {
            process.destroy();
            process.waitFor();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start S3Proxy", e);
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** Which server this is, for test output. */
  public String kind() {
    return kind;
  }

  /**
   * Makes this JVM's AWS default credential chain (SDK v2 for Iceberg, v1 for S3A) find the test
   * credentials, the way environment variables would for a real run.
   */
  public void useCredentialsInThisJvm() {
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    System.setProperty("aws.secretKey", SECRET_KEY);
    System.setProperty("aws.region", REGION);
  }

  public void createBucket(String bucket) {
    client.createBucket(request -> request.bucket(bucket));
  }

  /** Uploads every file under {@code folder} to s3://bucket/prefix/, keeping relative paths. */
  public void upload(Path folder, String bucket, String prefix) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key = prefix + "/" + folder.relativize(file).toString().replace('\\', '/');
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every key under s3://bucket/prefix. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        client
            .listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
            .contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  @Override
  public void close() {
    client.close();
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop " + kind, e);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void waitForPort(int port, Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Server exited early:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("Server did not open port " + port + " within 60 s");
  }
}
