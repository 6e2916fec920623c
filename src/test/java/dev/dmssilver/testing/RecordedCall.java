package dev.dmssilver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request moto recorded, read as IAM reads it: the action it needs, on which resources, and the
 * condition keys IAM would give a policy (s3:prefix, cloudwatch:namespace). Glue actions come from
 * the X-Amz-Target header and need the catalog, the database and the table; S3 actions from the
 * method, the bucket, the key and the query; CloudWatch's from the Action form field.
 */
public final class RecordedCall {
  private static final Pattern DELETED_KEY = Pattern.compile("<Key>([^<]*)</Key>");

  private final String action;
  private final List<String> resources;
  private final Map<String, String> conditions;

  private RecordedCall(String action, List<String> resources, Map<String, String> conditions) {
    this.action = action;
    this.resources = resources;
    this.conditions = conditions;
  }

  public String action() {
    return action;
  }

  /** Every resource the action needs permission on. */
  public List<String> resources() {
    return resources;
  }

  public Map<String, String> conditions() {
    return conditions;
  }

  @Override
  public String toString() {
    return action + " " + resources + (conditions.isEmpty() ? "" : " " + conditions);
  }

  static RecordedCall of(JsonNode entry) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    entry
        .get("headers")
        .fields()
        .forEachRemaining(
            h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
    String body = body(entry);
    URI url = URI.create(entry.get("url").asText());
    String target = headers.get("x-amz-target");
    if (target != null && target.startsWith("AWSGlue.")) {
      return glue(target.substring("AWSGlue.".length()), body);
    }
    if (body.contains("Action=PutMetricData")) {
      Map<String, String> form = query(body);
      return new RecordedCall(
          "cloudwatch:PutMetricData",
          List.of("*"),
          Map.of("cloudwatch:namespace", form.getOrDefault("Namespace", "")));
    }
    return s3(entry.get("method").asText(), url, body);
  }

  private static RecordedCall glue(String operation, String body) throws IOException {
    String glue = "arn:aws:glue:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":";
    JsonNode request = body.isEmpty() ? MotoServer.json("{}") : MotoServer.json(body);
    List<String> resources = new ArrayList<>();
    resources.add(glue + "catalog");
    String database =
        request.has("DatabaseName")
            ? request.get("DatabaseName").asText()
            : request.path("DatabaseInput").path("Name").asText(request.path("Name").asText());
    if (!database.isEmpty()) {
      resources.add(glue + "database/" + database);
    }
    String table =
        request.has("TableInput")
            ? request.get("TableInput").path("Name").asText()
            : request.has("DatabaseName") ? request.path("Name").asText() : "";
    if (!table.isEmpty()) {
      resources.add(glue + "table/" + database + "/" + table);
    }
    return new RecordedCall("glue:" + operation, resources, Map.of());
  }

  private static RecordedCall s3(String method, URI url, String body) {
    String path = url.getRawPath();
    String[] parts = path.substring(1).split("/", 2);
    String bucket = parts[0];
    String key = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    Map<String, String> query = query(url.getRawQuery());
    String bucketArn = "arn:aws:s3:::" + bucket;
    if (key.isEmpty()) {
      if (method.equals("POST") && query.containsKey("delete")) {
        List<String> objects = new ArrayList<>();
        Matcher deleted = DELETED_KEY.matcher(body);
        while (deleted.find()) {
          objects.add(bucketArn + "/" + deleted.group(1));
        }
        return new RecordedCall("s3:DeleteObject", objects, Map.of());
      }
      if (method.equals("PUT")) {
        return new RecordedCall("s3:CreateBucket", List.of(bucketArn), Map.of());
      }
      return new RecordedCall(
          "s3:ListBucket",
          List.of(bucketArn),
          Map.of("s3:prefix", query.getOrDefault("prefix", "")));
    }
    String objectArn = bucketArn + "/" + key;
    String action;
    if (method.equals("DELETE")) {
      action = query.containsKey("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject";
    } else if (method.equals("PUT") || method.equals("POST")) {
      action = "s3:PutObject"; // a whole object, a part, and a multipart upload's start and end
    } else {
      action = "s3:GetObject"; // GET, and HEAD
    }
    return new RecordedCall(action, List.of(objectArn), Map.of());
  }

  private static String body(JsonNode entry) {
    String body = entry.path("body").asText("");
    if (entry.path("body_encoded").asBoolean(false)) {
      byte[] bytes = Base64.getDecoder().decode(body);
      // Only text bodies matter here (Glue's JSON, CloudWatch's form, S3's delete list).
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return body;
  }

  private static Map<String, String> query(String text) {
    return text == null ? new LinkedHashMap<>() : CloudWatchRecorder.decode(text);
  }
}
