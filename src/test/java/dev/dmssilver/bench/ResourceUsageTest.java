package dev.dmssilver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceUsageTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void thePeakHeapIsWhatTheHeapHeldBeforeACollectionFreedItAndNeverMoreThanTheHeap()
      throws InterruptedException {
    System.gc();
    ResourceUsage.reset();
    long before = ResourceUsage.peakHeapBytes();

    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      held.add(new byte[MIB]);
    }
    long holding = before + held.size() * (long) MIB;
    held.clear();
    System.gc();
    // The collectors report asynchronously, on a thread of their own.
    long peak = ResourceUsage.peakHeapBytes();
    for (int wait = 0; wait < 100 && peak < holding; wait++) {
      Thread.sleep(50);
      peak = ResourceUsage.peakHeapBytes();
    }

    assertThat(peak).isGreaterThanOrEqualTo(holding).isLessThanOrEqualTo(maxHeap());
  }

  @Test
  void resetForgetsAnEarlierPeak() {
    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      held.add(new byte[MIB]);
    }
    long whileHolding = ResourceUsage.peakHeapBytes();
    held.clear();
    System.gc();

    ResourceUsage.reset();

    assertThat(ResourceUsage.peakHeapBytes()).isLessThan(whileHolding);
  }

  private static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }
}
