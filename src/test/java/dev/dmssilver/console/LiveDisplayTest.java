package dev.dmssilver.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a terminal receives: lines rewritten in place, warnings kept above them. */
class LiveDisplayTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final MovableClock clock = new MovableClock();
  private final LiveDisplay display =
      LiveDisplay.manual(new PrintStream(screen, true, StandardCharsets.UTF_8), clock, 60);

  private String drawn() {
    String text = screen.toString(StandardCharsets.UTF_8);
    screen.reset();
    return text;
  }

  @Test
  void eachTableHasOneLineWithItsStepAndElapsedTimeRedrawnInPlace() {
    display.step("fact_orders", "reading Bronze");
    assertThat(drawn()).isEqualTo("\r\u001b[2Kfact_orders    0.0 s  reading Bronze\n\u001b[J");

    clock.advance(Duration.ofMillis(1500));
    display.step("dim_product", "reading Bronze");
    assertThat(drawn())
        .isEqualTo(
            "\r\u001b[1A"
                + "\u001b[2Kfact_orders    1.5 s  reading Bronze\n"
                + "\u001b[2Kdim_product    0.0 s  reading Bronze\n"
                + "\u001b[J");

    clock.advance(Duration.ofSeconds(2));
    display.finished("fact_orders", true);
    display.finished("dim_product", false);
    assertThat(drawn())
        .endsWith(
            "\r\u001b[2A"
                + "\u001b[2Kfact_orders  done   3.5 s  reading Bronze\n"
                + "\u001b[2Kdim_product  FAILED   2.0 s  reading Bronze\n"
                + "\u001b[J");
  }

  @Test
  void aWarningIsPrintedAboveTheLinesAndStays() {
    display.step("fact_orders", "resolving");
    drawn();

    display.warning("fact_orders", "no deletes in Bronze");

    assertThat(drawn())
        .isEqualTo(
            "\r\u001b[1A\u001b[J"
                + "! fact_orders: no deletes in Bronze\n"
                + "\r\u001b[2Kfact_orders    0.0 s  resolving\n\u001b[J");
  }

  @Test
  void aLongStepIsCutToTheTerminalsWidth() {
    display.step("fact_orders", "x".repeat(100));

    String line = drawn().split("\n")[0].replace("\r\u001b[2K", "");
    assertThat(line).hasSize(60).endsWith("…");
  }

  @Test
  void offATerminalThereIsNoDisplay() {
    assertThat(ConsoleMode.onTerminal()).isFalse();
    assertThat(ConsoleMode.start("run", false, new PrintStream(screen)))
        .isSameAs(ProgressListener.NONE);
    assertThat(drawn()).isEmpty();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-05T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
