package dev.dmssilver.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.SilverException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaintenancePoliciesTest {

  private static MaintenancePolicies parse(String yaml) throws Exception {
    return MaintenancePolicies.parse(
        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String DEFAULTS =
      "defaults:\n"
          + "  retain_last: 5\n"
          + "  expire_older_than: 7d\n"
          + "  target_file_size_mb: 64\n"
          + "  orphan_older_than: 3d\n";

  @Test
  void theRepositorysPolicyLoadsAndNamesOnlyKnownTables() {
    MaintenancePolicies policies =
        MaintenancePolicies.fromFile(
            Paths.get(System.getProperty("user.dir"), "maintenance", "policy.yaml"));

    policies.checkTablesAreKnown(
        Arrays.asList(
            "dim_customer",
            "dim_product",
            "fact_orders",
            "fact_order_items",
            "fact_payments",
            "fact_shipments",
            "quarantine"));
    assertThat(policies.forTable("dim_customer").orphanOlderThan()).isEqualTo(Duration.ofDays(3));
    assertThat(policies.forTable("fact_orders").expireOlderThan()).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void aTableOverrideReplacesOnlyTheKeysItGives() throws Exception {
    MaintenancePolicies policies =
        parse(DEFAULTS + "tables:\n  fact_orders:\n    retain_last: 30\n");

    MaintenancePolicy orders = policies.forTable("fact_orders");
    assertThat(orders.retainLast()).isEqualTo(30);
    assertThat(orders.expireOlderThan()).isEqualTo(Duration.ofDays(7));
    assertThat(orders.targetFileSizeBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(policies.forTable("dim_product").retainLast()).isEqualTo(5);
  }

  @Test
  void durationsAreHoursOrDays() {
    assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("0d")).isEqualTo(Duration.ZERO);
    assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(Durations.format(Duration.ofDays(365))).isEqualTo("365d");
    assertThatThrownBy(() -> Durations.parse("7 days"))
        .isInstanceOf(SilverException.class)
        .hasMessage("Cannot read duration '7 days': expected hours or days, e.g. 12h, 7d or 0d");
  }

  @Test
  void mistakesAreErrorsNotSilentDefaults() {
    assertThatThrownBy(() -> parse(DEFAULTS + "  retain_lsat: 3\n"))
        .hasMessageContaining("Cannot load maintenance policy test.yaml")
        .hasMessageContaining("retain_lsat");
    assertThatThrownBy(() -> parse("defaults:\n  retain_last: 5\n"))
        .hasMessageContaining("'defaults' needs retain_last, expire_older_than");
    assertThatThrownBy(
            () ->
                parse(DEFAULTS + "tables:\n  fact_order:\n    retain_last: 3\n")
                    .checkTablesAreKnown(Arrays.asList("fact_orders", "quarantine")))
        .hasMessage(
            "Cannot use maintenance policy: it names unknown tables [fact_order]; known tables"
                + " are [fact_orders, quarantine]");
  }

  @Test
  void orphansYoungerThanAnHourAreNeverRemovedAndAtLeastOneSnapshotIsKept() {
    MaintenancePolicy policy =
        new MaintenancePolicy(1, Duration.ZERO, 128L * 1024 * 1024, Duration.ofDays(3));

    assertThatThrownBy(() -> policy.withOrphanOlderThan(Duration.ofMinutes(30)))
        .hasMessageContaining("younger files may belong to a run still writing");
    assertThatThrownBy(() -> policy.withRetainLast(0)).hasMessageContaining("retain_last 0");
  }
}
