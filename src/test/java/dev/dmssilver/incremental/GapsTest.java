package dev.dmssilver.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class GapsTest {
  @Test
  void cutsAtTheWidestGapsSoAnOldKeyDoesNotStretchTheRange() {
    List<Object> keys = new ArrayList<>(Arrays.asList(70_000, 3_148, 70_001, 69_990, 40_000));

    List<Object[]> intervals = Gaps.intervals(keys, 3);

    assertThat(intervals)
        .containsExactly(
            new Object[] {3_148, 3_148},
            new Object[] {40_000, 40_000},
            new Object[] {69_990, 70_001});
  }

  @Test
  void everyValueLiesInExactlyOneIntervalAndIntervalsAreOrdered() {
    Random random = new Random(7);
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // Longs beyond 2^53, where doubles cannot tell neighbours apart.
      keys.add((1L << 60) + random.nextInt(1_000_000));
    }
    List<Object[]> intervals = Gaps.intervals(keys, 16);

    assertThat(intervals).hasSizeLessThanOrEqualTo(16);
    for (Object key : keys) {
      long inside =
          intervals.stream()
              .filter(i -> (Long) i[0] <= (Long) key && (Long) key <= (Long) i[1])
              .count();
      assertThat(inside).as("intervals holding %s", key).isEqualTo(1);
    }
    for (int i = 1; i < intervals.size(); i++) {
      assertThat((Long) intervals.get(i)[0]).isGreaterThan((Long) intervals.get(i - 1)[1]);
    }
  }

  @Test
  void measuresInstantsAndLeavesStringsToOneBox() {
    Timestamp early = Timestamp.valueOf("2024-01-01 00:00:00");
    Timestamp late = Timestamp.valueOf("2024-06-01 00:00:00");
    Timestamp later = Timestamp.valueOf("2024-06-01 00:00:01");

    assertThat(Gaps.intervals(Arrays.asList(later, early, late), 2))
        .containsExactly(new Object[] {early, early}, new Object[] {late, later});
    assertThat(Gaps.measurable(DataTypes.StringType)).isFalse();
    assertThat(Gaps.measurable(DataTypes.TimestampType)).isTrue();
    assertThat(Gaps.measurable(DataTypes.createDecimalType(10, 2))).isTrue();
    assertThat(Gaps.intervals(Collections.emptyList(), 4)).isEmpty();
  }
}
