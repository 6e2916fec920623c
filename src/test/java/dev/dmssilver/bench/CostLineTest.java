package dev.dmssilver.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class CostLineTest {
  @Test
  void sizesOnALineGiveItsFixedPartAndSlopeWithNoMiss() {
    CostLine line =
        CostLine.fit(
            Arrays.asList(
                new CostLine.Point(1_000_000, 3.5),
                new CostLine.Point(2_000_000, 5.5),
                new CostLine.Point(4_000_000, 9.5)));

    assertThat(line.fixedSeconds()).isCloseTo(1.5, within(1e-9));
    assertThat(line.secondsPerMillionEvents()).isCloseTo(2.0, within(1e-9));
    assertThat(line.largestMiss()).isCloseTo(0.0, within(1e-9));
    assertThat(line.secondsFor(10_000_000)).isCloseTo(21.5, within(1e-9));
    assertThat(line.describe()).isEqualTo("1.5 s + 2.00 s per M events (largest miss 0%)");
  }

  @Test
  void sizesOffTheLineGiveTheLeastSquaresLineAndTheLargestRelativeMiss() {
    // Least squares through (1, 4), (2, 5), (3, 9): slope 2.5, intercept 1.0; predictions 3.5,
    // 6.0 and 8.5 miss by 0.5/4, 1.0/5 and 0.5/9: the largest is 20%.
    CostLine line =
        CostLine.fit(
            Arrays.asList(
                new CostLine.Point(1_000_000, 4),
                new CostLine.Point(2_000_000, 5),
                new CostLine.Point(3_000_000, 9)));

    assertThat(line.secondsPerMillionEvents()).isCloseTo(2.5, within(1e-9));
    assertThat(line.fixedSeconds()).isCloseTo(1.0, within(1e-9));
    assertThat(line.largestMiss()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void aFixedPartThatRoundsToZeroIsDescribedAsZeroWhateverItsSign() {
    CostLine line =
        CostLine.fit(
            Arrays.asList(
                new CostLine.Point(1_000_000, 2.99), new CostLine.Point(2_000_000, 5.99)));

    assertThat(line.fixedSeconds()).isCloseTo(-0.01, within(1e-9));
    assertThat(line.describe()).isEqualTo("0.0 s + 3.00 s per M events (largest miss 0%)");
  }

  @Test
  void aLineNeedsTwoDifferentSizes() {
    assertThatThrownBy(
            () -> CostLine.fit(Collections.singletonList(new CostLine.Point(1_000_000, 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two sizes");
    assertThatThrownBy(
            () ->
                CostLine.fit(
                    Arrays.asList(
                        new CostLine.Point(1_000_000, 3), new CostLine.Point(1_000_000, 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two different sizes");
  }
}
