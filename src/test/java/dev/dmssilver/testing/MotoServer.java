package dev.dmssilver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * moto_server as a child process: AWS's most used API double, serving Glue, S3 and CloudWatch on
 * one loopback port, with its request recorder. The image ships moto 5.2.1; its Glue keeps no
 * version on UpdateTable, so it has none of the optimistic locking real Glue gives Iceberg.
 */
public final class MotoServer implements AutoCloseable {
  public static final String ACCESS_KEY = "moto-access";
  public static final String SECRET_KEY = "moto-secret";
  public static final String REGION = "us-east-1";

  /** moto's default account, as in the ARNs it would authorize. */
  public static final String ACCOUNT = "123456789012";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts moto_server on a free port, recording into {@code workFolder}/moto-recording.jsonl. */
  public static MotoServer start(Path workFolder) throws IOException {
    int port = TestS3.freePort();
    Path log = workFolder.resolve("moto.log");
    ProcessBuilder builder =
        new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .put("MOTO_RECORDER_FILEPATH", workFolder.resolve("moto-recording.jsonl").toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start moto_server (pip install 'moto[server]==5.2.1'): " + e.getMessage(), e);
    }
    TestS3.waitForPort(port, process, log);
    return new MotoServer(process, "http://127.0.0.1:" + port);
  }

  public String endpoint() {
    return endpoint;
  }

  /** What a bin/silver process needs to talk to this server as a real AWS account. */
  public Map<String, String> environment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_REGION", REGION);
  }

  public S3Client s3() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  public GlueClient glue() {
    return GlueClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** Forgets what was recorded, and records every request from now on. */
  public void startRecording() {
    post("/moto-api/recorder/reset-recording");
    post("/moto-api/recorder/start-recording");
  }

  /** Stops recording and returns every request recorded since {@link #startRecording}. */
  public List<RecordedCall> stopRecording() {
    post("/moto-api/recorder/stop-recording");
    String recording = send(HttpRequest.newBuilder(uri("/moto-api/recorder/download-recording")));
    List<RecordedCall> calls = new ArrayList<>();
    for (String line : recording.split("\n")) {
      if (!line.isBlank()) {
        try {
          calls.add(RecordedCall.of(JSON.readTree(line)));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read moto's recording: " + line, e);
        }
      }
    }
    return calls;
  }

  private void post(String path) {
    send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String path) {
    return URI.create(endpoint + path);
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The recording's file, for a look after a failed test. */
  public static Path recordingFile(Path workFolder) {
    return workFolder.resolve("moto-recording.jsonl");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether moto_server is on the PATH. */
  public static boolean installed() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(folder, "moto_server"))) {
        return true;
      }
    }
    return false;
  }

  /** JSON's body of a recorded Glue call, for the names in it. */
  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }
}
