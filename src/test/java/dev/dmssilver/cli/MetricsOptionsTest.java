package dev.dmssilver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.report.MetricsSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MetricsOptionsTest {

  private static MetricsSettings parse(String... arguments) {
    RunCommand run = new RunCommand();
    String[] required = {"--bronze", "b", "--warehouse", "w"};
    String[] all = new String[required.length + arguments.length];
    System.arraycopy(required, 0, all, 0, required.length);
    System.arraycopy(arguments, 0, all, required.length, arguments.length);
    new CommandLine(run).parseArgs(all);
    return run.metrics.settings(run.objectStore);
  }

  @Test
  void metricsAreOffUnlessTurnedOn() {
    assertThat(parse("--all").enabled()).isFalse();
    assertThat(parse("--all", "--cloudwatch-endpoint", "http://127.0.0.1:1").enabled()).isFalse();
    assertThat(parse("--all", "--cloudwatch", "false").enabled()).isFalse();
  }

  @Test
  void turnedOnTheyUseTheGivenNamespaceEnvironmentEndpointAndRegion() {
    MetricsSettings settings =
        parse(
            "--all",
            "--cloudwatch",
            "--metrics-namespace",
            "Lake",
            "--environment",
            "prod",
            "--cloudwatch-endpoint",
            "https://vpce-1.monitoring.eu-west-1.vpce.amazonaws.com",
            "--region",
            "eu-west-1");

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.namespace()).isEqualTo("Lake");
    assertThat(settings.environment()).isEqualTo("prod");
    assertThat(settings.endpoint())
        .hasValue("https://vpce-1.monitoring.eu-west-1.vpce.amazonaws.com");
    assertThat(settings.region()).hasValue("eu-west-1");
  }

  @Test
  void theDefaultsAreTheSilverLakehouseNamespaceAndTheLocalEnvironment() {
    MetricsSettings settings = parse("--all", "--cloudwatch", "true");

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.namespace()).isEqualTo("SilverLakehouse");
    assertThat(settings.environment()).isEqualTo("local");
    assertThat(settings.endpoint()).isEmpty();
  }
}
