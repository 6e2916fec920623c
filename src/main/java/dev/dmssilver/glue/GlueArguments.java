package dev.dmssilver.glue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits the arguments AWS Glue passes to a job into Glue's own (JOB_NAME, JOB_RUN_ID, TempDir,
 * --enable-metrics, ...), which are accepted and set aside, and ours, which go to the same parser
 * as bin/silver's. A misspelt option of ours is therefore reported exactly as on the command line.
 */
public final class GlueArguments {
  /** Glue's own parameters, by exact name. Reference: "AWS Glue job parameters". */
  private static final Set<String> GLUE_NAMES =
      new HashSet<>(
          Arrays.asList(
              "TempDir",
              "RedshiftTempDir",
              "scriptLocation",
              "class",
              "conf",
              "datalake-formats",
              "extra-jars",
              "extra-files",
              "extra-py-files",
              "user-jars-first",
              "additional-python-modules",
              "python-modules-installer-option",
              "encryption-type",
              "spark-event-logs-path",
              "disable-proxy-v2",
              "executor-cores",
              "auto-scale-within-microbatch",
              "customer-driver-env-vars",
              "customer-executor-env-vars"));

  /** Glue's parameter families: --enable-metrics, --job-bookmark-option, --continuous-log-... */
  private static final List<String> GLUE_PREFIXES =
      Collections.unmodifiableList(Arrays.asList("enable-", "job-", "continuous-log-"));

  /** JOB_ID, JOB_RUN_ID, JOB_NAME, SECURITY_CONFIGURATION: Glue's own, always upper case. */
  private static final Pattern GLUE_UPPER_CASE = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final List<String> ours;
  private final Map<String, String> glue;

  private GlueArguments(List<String> ours, Map<String, String> glue) {
    this.ours = Collections.unmodifiableList(ours);
    this.glue = Collections.unmodifiableMap(glue);
  }

  public static GlueArguments parse(String... arguments) {
    List<String> ours = new ArrayList<>();
    Map<String, String> glue = new LinkedHashMap<>();
    for (int i = 0; i < arguments.length; i++) {
      String argument = arguments[i];
      if (!argument.startsWith("--")) {
        ours.add(argument);
        continue;
      }
      String name = argument.substring(2);
      int equals = name.indexOf('=');
      if (equals >= 0) {
        if (isGlues(name.substring(0, equals))) {
          glue.put(name.substring(0, equals), name.substring(equals + 1));
        } else {
          ours.add(argument);
        }
        continue;
      }
      if (!isGlues(name)) {
        ours.add(argument);
        continue;
      }
      boolean hasValue = i + 1 < arguments.length && !arguments[i + 1].startsWith("--");
      glue.put(name, hasValue ? arguments[++i] : "");
    }
    return new GlueArguments(ours, glue);
  }

  static boolean isGlues(String name) {
    if (GLUE_NAMES.contains(name) || GLUE_UPPER_CASE.matcher(name).matches()) {
      return true;
    }
    for (String prefix : GLUE_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Our arguments, in order, as bin/silver would take them. */
  public List<String> ours() {
    return ours;
  }

  /** Glue's arguments, set aside: name without dashes, to value ("" for none). */
  public Map<String, String> glue() {
    return glue;
  }

  public boolean hasOurs(String option) {
    for (String argument : ours) {
      if (argument.equals(option) || argument.startsWith(option + "=")) {
        return true;
      }
    }
    return false;
  }
}
