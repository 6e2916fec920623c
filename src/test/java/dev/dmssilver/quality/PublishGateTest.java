package dev.dmssilver.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.contract.GatePolicy;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PublishGateTest {
  private static final GatePolicy DEFAULTS = GatePolicy.defaults();

  private static OutcomeCounts counts(long current, long quarantined) {
    return new OutcomeCounts(
        current, 0, current, current - quarantined, quarantined, Map.of(), null, 0, null);
  }

  @Test
  void aRunWithinEveryThresholdPasses() {
    GateVerdict verdict =
        PublishGate.evaluate(DEFAULTS, counts(10_000, 500), OptionalLong.of(9_000));

    assertThat(verdict.outcome()).isEqualTo(GateVerdict.Outcome.PASSED);
    assertThat(verdict.allowsPublishing()).isTrue();
  }

  @Test
  void quarantiningMoreThanTheShareFails() {
    GateVerdict verdict =
        PublishGate.evaluate(DEFAULTS, counts(10_000, 501), OptionalLong.of(9_000));

    assertThat(verdict.outcome()).isEqualTo(GateVerdict.Outcome.FAILED);
    assertThat(verdict.failures())
        .containsExactly("quarantined 5.0% of 10,000 current rows (limit 5.0%)");
  }

  @Test
  void shrinkingMoreThanTheDropFails() {
    GateVerdict verdict = PublishGate.evaluate(DEFAULTS, counts(7_000, 0), OptionalLong.of(10_000));

    assertThat(verdict.failures())
        .containsExactly("Silver would shrink 30.0% from 10,000 to 7,000 rows (limit 20.0%)");
  }

  @Test
  void anEmptyResultWhereTheTableHadRowsFailsWhateverItsSize() {
    GateVerdict verdict = PublishGate.evaluate(DEFAULTS, counts(0, 0), OptionalLong.of(3));

    assertThat(verdict.failures()).containsExactly("Silver would be empty but has 3 rows");
  }

  @Test
  void smallTablesAreNotJudgedOnShareOrDrop() {
    assertThat(PublishGate.evaluate(DEFAULTS, counts(999, 999), OptionalLong.of(999)).failures())
        .containsExactly("Silver would be empty but has 999 rows");
    assertThat(PublishGate.evaluate(DEFAULTS, counts(999, 500), OptionalLong.of(999)).failures())
        .isEmpty();
    assertThat(PublishGate.evaluate(DEFAULTS, counts(10, 0), OptionalLong.of(999)).failures())
        .isEmpty();
  }

  @Test
  void aFirstRunHasNothingToDropFrom() {
    assertThat(PublishGate.evaluate(DEFAULTS, counts(0, 0), OptionalLong.of(0)).failures())
        .isEmpty();
    assertThat(PublishGate.evaluate(DEFAULTS, counts(0, 0), OptionalLong.empty()).failures())
        .isEmpty();
  }

  @Test
  void aContractCanLoosenOrTightenItsGate() {
    GatePolicy strict = new GatePolicy(0.01, 0.05, 10);

    assertThat(PublishGate.evaluate(strict, counts(100, 2), OptionalLong.of(100)).failures())
        .containsExactly("quarantined 2.0% of 100 current rows (limit 1.0%)");
  }

  @Test
  void anAcceptedFailureAllowsPublishingAndSaysSo() {
    GateVerdict verdict =
        PublishGate.evaluate(DEFAULTS, counts(0, 0), OptionalLong.of(3)).accepted();

    assertThat(verdict.outcome()).isEqualTo(GateVerdict.Outcome.ACCEPTED);
    assertThat(verdict.allowsPublishing()).isTrue();
    assertThat(verdict.outcome().label()).isEqualTo("accepted");
  }
}
