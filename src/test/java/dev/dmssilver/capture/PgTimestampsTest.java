package dev.dmssilver.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PgTimestampsTest {
  @Test
  void theShapesPostgresqlPrintsInAUtcSession() {
    assertThat(PgTimestamps.parse("2026-12-05 08:27:21.825272+00", true))
        .isEqualTo(Instant.parse("2026-12-05T08:27:21.825272Z"));
    assertThat(PgTimestamps.parse("2024-02-01 04:30:00+00", true))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00Z"));
    assertThat(PgTimestamps.parse("2024-01-31 23:30:00.5-05", true))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00.5Z"));
    assertThat(PgTimestamps.parse("2024-02-01 10:00:00+05:30", true))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00Z"));
    assertThat(PgTimestamps.parse("2024-02-01 10:00:15+05:30:15", true))
        .isEqualTo(Instant.parse("2024-02-01T04:30:00Z"));
    assertThat(PgTimestamps.parse("2024-02-29 23:59:59.999999", false))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
  }

  @Test
  void anythingElseIsLeftToTheSlowerPath() {
    assertThat(PgTimestamps.parse("infinity", true)).isNull();
    assertThat(PgTimestamps.parse("12024-01-01 00:00:00+00", true)).isNull();
    assertThat(PgTimestamps.parse("2024-01-01 00:00:00+00 BC", true)).isNull();
    assertThat(PgTimestamps.parse("2023-02-29 00:00:00+00", true)).isNull();
    assertThat(PgTimestamps.parse("2024-01-01 00:00:00", true)).isNull();
    assertThat(PgTimestamps.parse("2024-01-01 00:00:00+00", false)).isNull();
  }
}
