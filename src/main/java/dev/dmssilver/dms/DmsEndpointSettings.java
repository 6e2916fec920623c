package dev.dmssilver.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * DMS S3 endpoint settings by their own names. A name is accepted in Terraform's spelling ({@code
 * cdc_inserts_and_updates}) or the API's ({@code CdcInsertsAndUpdates}), so a user can paste their
 * endpoint, or the {@code S3Settings} of {@code aws dms describe-endpoints}. Settings that change
 * nothing in the files (the bucket's name, its role, encryption, CSV options) are accepted and
 * ignored; settings whose output this emulation does not write are refused.
 */
public final class DmsEndpointSettings {
  /** Accepted because they describe the bucket or CSV output, not the Parquet Bronze's shape. */
  private static final List<String> WITHOUT_EFFECT =
      Arrays.asList(
          "bucketname",
          "serviceaccessrolearn",
          "encryptionmode",
          "serversideencryptionkmskeyid",
          "externaltabledefinition",
          "csvdelimiter",
          "csvrowdelimiter",
          "csvnullvalue",
          "csvnosupvalue",
          "usecsvnosupvalue",
          "addcolumnname",
          "datapagesize",
          "dictpagesizelimit",
          "rowgrouplength",
          "enablestatistics",
          "encodingtype",
          "cannedaclforobjects",
          "expectedbucketowner",
          "gluecataloggeneration",
          "ignoreheaderrows",
          "maxfilesize",
          "rfc4180",
          "addtrailingpaddingcharacter",
          "cdcminfilesize");

  private DmsEndpointSettings() {}

  /** The seed's endpoint with {@code settings} applied in order. */
  public static DmsEndpoint seedWith(Map<String, String> settings) {
    DmsEndpoint.Builder builder = DmsEndpoint.seed().toBuilder();
    settings.forEach(builder::set);
    return build(builder);
  }

  /**
   * DMS's defaults with the settings of a JSON object applied: an endpoint's {@code S3Settings} as
   * {@code aws dms describe-endpoints} prints them, or a plain object of Terraform names.
   */
  public static DmsEndpoint fromJson(Path file, Map<String, String> overrides) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode settings = root != null && root.has("S3Settings") ? root.get("S3Settings") : root;
    if (settings == null || !settings.isObject()) {
      throw new IllegalArgumentException(file + " is not a JSON object of S3 endpoint settings");
    }
    DmsEndpoint.Builder builder = DmsEndpoint.dmsDefaultsBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> fields = settings.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      builder.set(field.getKey(), field.getValue().asText());
    }
    overrides.forEach(builder::set);
    return build(builder);
  }

  private static DmsEndpoint build(DmsEndpoint.Builder builder) {
    return builder.build();
  }

  /**
   * Applies one setting; throws IllegalArgumentException naming it if it cannot.
   *
   * <p>Longer than 40 lines on purpose: one case per endpoint setting, side by side, reads as the
   * list of settings the product honours; split, the list would be in pieces.
   */
  static void apply(DmsEndpoint.Builder endpoint, String name, String value) {
    String key = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    String text = value == null ? "" : value.trim();
    switch (key) {
      case "bucketfolder":
        endpoint.bucketFolder = stripSlashes(text);
        return;
      case "compressiontype":
        endpoint.compression = choice(name, text, DmsEndpoint.Compression.class);
        return;
      case "dataformat":
        requireValue(name, text, "parquet", "this emulation writes Parquet only");
        return;
      case "parquetversion":
        endpoint.parquetVersion2 = parquetVersion2(name, text);
        return;
      case "parquettimestampinmillisecond":
        endpoint.timestampsInMilliseconds = bool(name, text);
        return;
      case "timestampcolumnname":
        endpoint.timestampColumnName = text;
        return;
      case "includeopforfullload":
        endpoint.includeOpForFullLoad = bool(name, text);
        return;
      case "cdcinsertsonly":
        endpoint.cdcInsertsOnly = bool(name, text);
        return;
      case "cdcinsertsandupdates":
        endpoint.cdcInsertsAndUpdates = bool(name, text);
        return;
      case "datepartitionenabled":
        endpoint.datePartitionEnabled = bool(name, text);
        return;
      case "datepartitionsequence":
        endpoint.dateSequence = choice(name, text, DmsEndpoint.DateSequence.class);
        return;
      case "datepartitiondelimiter":
        endpoint.dateDelimiter = choice(name, text, DmsEndpoint.DateDelimiter.class);
        return;
      case "datepartitiontimezone":
        endpoint.dateTimeZone = zone(name, text);
        return;
      case "usetaskstarttimeforfullloadtimestamp":
        endpoint.taskStartTimeForFullLoad = bool(name, text);
        return;
      case "cdcmaxbatchinterval":
        endpoint.cdcMaxBatchInterval = Duration.ofSeconds(positive(name, text));
        return;
      case "preservetransactions":
        if (bool(name, text)) {
          throw new IllegalArgumentException(
              name
                  + "=true writes transaction files under cdc_path, which this emulation does"
                  + " not write");
        }
        return;
      case "cdcpath":
        requireValue(name, text, "", "it is used only with preserve_transactions");
        return;
      default:
        if (!WITHOUT_EFFECT.contains(key)) {
          throw new IllegalArgumentException(
              "unknown S3 endpoint setting " + name + "; known settings are " + knownNames());
        }
    }
  }

  /** The endpoint in Terraform's names, as a user would write it. */
  static String describe(DmsEndpoint endpoint) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("bucket_folder", endpoint.bucketFolder);
    settings.put("compression_type", endpoint.compression);
    settings.put("parquet_version", endpoint.parquetVersion2 ? "parquet-2-0" : "parquet-1-0");
    settings.put("parquet_timestamp_in_millisecond", endpoint.timestampsInMilliseconds);
    settings.put("timestamp_column_name", endpoint.timestampColumnName);
    settings.put("include_op_for_full_load", endpoint.includeOpForFullLoad);
    settings.put("cdc_inserts_only", endpoint.cdcInsertsOnly);
    settings.put("cdc_inserts_and_updates", endpoint.cdcInsertsAndUpdates);
    settings.put("date_partition_enabled", endpoint.datePartitionEnabled);
    settings.put("date_partition_sequence", endpoint.dateSequence);
    settings.put("date_partition_delimiter", endpoint.dateDelimiter);
    settings.put(
        "date_partition_timezone",
        endpoint.dateTimeZone.equals(java.time.ZoneOffset.UTC)
            ? "UTC"
            : endpoint.dateTimeZone.getId());
    settings.put("use_task_start_time_for_full_load_timestamp", endpoint.taskStartTimeForFullLoad);
    settings.put("cdc_max_batch_interval", endpoint.cdcMaxBatchInterval.getSeconds());
    StringBuilder text = new StringBuilder();
    settings.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value));
    return text.toString();
  }

  private static String knownNames() {
    TreeSet<String> names = new TreeSet<>();
    for (String setting : describe(DmsEndpoint.dmsDefaults()).split(" ")) {
      names.add(setting.substring(0, setting.indexOf('=')));
    }
    names.add("data_format");
    names.add("preserve_transactions");
    names.add("cdc_path");
    return names + " (and settings without effect on Parquet Bronze, e.g. bucket_name)";
  }

  private static boolean bool(String name, String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "y":
        return true;
      case "false":
      case "n":
        return false;
      default:
        throw new IllegalArgumentException(name + " is '" + text + "', expected true or false");
    }
  }

  private static boolean parquetVersion2(String name, String text) {
    String version = text.toLowerCase(Locale.ROOT).replace('_', '-');
    if (version.equals("parquet-2-0")) {
      return true;
    }
    requireValue(name, version, "parquet-1-0", "expected parquet-1-0 or parquet-2-0");
    return false;
  }

  private static <E extends Enum<E>> E choice(String name, String text, Class<E> type) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + " is '" + text + "', expected one of " + Arrays.toString(type.getEnumConstants()),
          e);
    }
  }

  private static ZoneId zone(String name, String text) {
    if (text.isEmpty()) {
      return java.time.ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          name + " is '" + text + "', expected a time zone such as Asia/Seoul", e);
    }
  }

  private static long positive(String name, String text) {
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " is '" + text + "', expected a positive number");
  }

  private static void requireValue(String name, String text, String expected, String why) {
    if (!text.equalsIgnoreCase(expected)) {
      throw new IllegalArgumentException(name + " is '" + text + "': " + why);
    }
  }

  private static String stripSlashes(String folder) {
    String stripped = folder;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
