package dev.dmssilver.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback HTTP endpoint that the real AWS SDK CloudWatch client can talk to. It records every
 * request body (AWS query protocol: form-encoded {@code Action=PutMetricData&...}) and answers
 * either as CloudWatch does or, when told to fail, with HTTP 500.
 */
public final class CloudWatchRecorder implements AutoCloseable {
  private static final String RESPONSE =
      "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>recorded</RequestId></ResponseMetadata>"
          + "</PutMetricDataResponse>";

  private final HttpServer server;
  private final boolean failing;
  private final List<Map<String, String>> requests = new ArrayList<>();

  private CloudWatchRecorder(boolean failing) throws IOException {
    this.failing = failing;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers every request as CloudWatch would. */
  public static CloudWatchRecorder accepting() throws IOException {
    return new CloudWatchRecorder(false);
  }

  /** Answers every request with HTTP 500, as an unavailable CloudWatch would. */
  public static CloudWatchRecorder failing() throws IOException {
    return new CloudWatchRecorder(true);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request body received so far, decoded into its form fields. */
  public List<Map<String, String>> requests() {
    synchronized (requests) {
      return new ArrayList<>(requests);
    }
  }

  /** The metric data of one PutMetricData request. */
  public static List<Datum> metricData(Map<String, String> request) {
    Map<Integer, Datum> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> field : request.entrySet()) {
      String[] parts = field.getKey().split("\\.");
      if (parts.length < 4 || !parts[0].equals("MetricData")) {
        continue;
      }
      Datum datum = byIndex.computeIfAbsent(Integer.parseInt(parts[2]), i -> new Datum());
      switch (parts[3]) {
        case "MetricName":
          datum.name = field.getValue();
          break;
        case "Value":
          datum.value = Double.parseDouble(field.getValue());
          break;
        case "Unit":
          datum.unit = field.getValue();
          break;
        case "Dimensions":
          int dimension = Integer.parseInt(parts[5]);
          String[] pair = datum.dimensionFields.computeIfAbsent(dimension, d -> new String[2]);
          pair[parts[6].equals("Name") ? 0 : 1] = field.getValue();
          break;
        default:
          break;
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (requests) {
      requests.add(decode(body));
    }
    byte[] answer =
        (failing ? "<Error>unavailable</Error>" : RESPONSE).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(failing ? 500 : 200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** The fields of a form-encoded body or a URL query, decoded. */
  static Map<String, String> decode(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** One metric datum as it went over the wire. */
  public static final class Datum {
    String name;
    double value;
    String unit;
    final Map<Integer, String[]> dimensionFields = new TreeMap<>();

    public String name() {
      return name;
    }

    public double value() {
      return value;
    }

    public String unit() {
      return unit;
    }

    public Map<String, String> dimensions() {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (String[] pair : dimensionFields.values()) {
        dimensions.put(pair[0], pair[1]);
      }
      return dimensions;
    }

    @Override
    public String toString() {
      return name + dimensions() + "=" + value + " " + unit;
    }
  }
}
