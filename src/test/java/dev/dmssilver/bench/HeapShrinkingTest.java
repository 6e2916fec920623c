package dev.dmssilver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapShrinkingTest {
  private static final HotSpotDiagnosticMXBean HOT_SPOT =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  @Test
  void theHeapIsNeverShrunkWhileSuspendedAndShrinksAsBeforeAfterwards() {
    String before = maxHeapFreeRatio();

    HeapShrinking shrinking = HeapShrinking.suspend();
    String during = maxHeapFreeRatio();
    shrinking.resume();

    assertThat(during).isEqualTo("100");
    assertThat(maxHeapFreeRatio()).isEqualTo(before).isNotEqualTo("100");
  }

  private static String maxHeapFreeRatio() {
    return HOT_SPOT.getVMOption("MaxHeapFreeRatio").getValue();
  }
}
