package dev.dmssilver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.report.JobMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard in infra/monitoring.tf watch metrics the jobs send: a misspelt name
 * would be an alarm that never fires, which Terraform and CloudWatch both accept silently.
 */
class MonitoringMetricsTest {
  private static final Path MONITORING =
      Paths.get(System.getProperty("user.dir"), "infra", "monitoring.tf");
  private static final Pattern METRIC_NAME = Pattern.compile("metric_name\\s*=\\s*\"(\\w+)\"");
  private static final Pattern DASHBOARD_LIST =
      Pattern.compile("for index, metric in \\[([^\\]]*)\\]");
  private static final Pattern QUOTED = Pattern.compile("\"(\\w+)\"");

  @Test
  void everyMetricTheMonitoringWatchesIsOneTheJobsSend() throws Exception {
    String monitoring = new String(Files.readAllBytes(MONITORING), StandardCharsets.UTF_8);
    Set<String> watched = new TreeSet<>(all(METRIC_NAME, monitoring));
    Matcher dashboard = DASHBOARD_LIST.matcher(monitoring);
    assertThat(dashboard.find()).as("the dashboard's list of metrics").isTrue();
    watched.addAll(all(QUOTED, dashboard.group(1)));

    assertThat(watched)
        .as("metric names in infra/monitoring.tf")
        .contains("SilverDataAgeHours", "QuarantineRowCount", "FullRebuild")
        .isSubsetOf(sentByJobs());
  }

  private static Set<String> sentByJobs() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field field : JobMetrics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    return names;
  }

  private static Set<String> all(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
