package dev.dmssilver.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The shop's one source of chance. Every draw comes from one seeded {@link Random}, in the order
 * the simulation asks, so that a seed always writes the same Bronze.
 */
final class ShopDice {
  private final Random random;

  ShopDice(Random random) {
    this.random = random;
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }

  /** A moment in the day that starts at {@code dayStart}, to the microsecond. */
  Instant randomTimeIn(Instant dayStart) {
    return dayStart.plusNanos((long) (random.nextDouble() * 86_400_000_000L) * 1000L);
  }

  /** Between {@code low} and {@code high} minutes, to the microsecond. */
  Duration minutes(int low, int high) {
    long micros = (long) ((low + random.nextDouble() * (high - low)) * 60_000_000L);
    return Duration.ofNanos(micros * 1000L);
  }

  /** An amount from {@code low} to under {@code high}, in cents. */
  BigDecimal money(int low, int high) {
    return BigDecimal.valueOf(low * 100L + random.nextInt((high - low) * 100), 2);
  }

  String phone() {
    return String.format("+1-555-%04d", random.nextInt(10_000));
  }
}
