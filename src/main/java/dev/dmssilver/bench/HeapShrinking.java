package dev.dmssilver.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JVM from handing heap back to the operating system after a collection, for as long as a
 * benchmark runs.
 *
 * <p>The benchmark collects garbage before each timed run, so that every variant starts from the
 * same clean heap. G1 then returns the freed part of the heap, and the next variant pays to fault
 * it back in. On a virtual machine that is far from free: 10 microseconds per 4 KiB page on the
 * 2-core VM behind the README's figures, about 3 s per variant, which was timed as the variant's
 * own work and hid the differences between variants. A fresh process pays for its heap once; the
 * benchmark's fresh-process mode measures that.
 */
final class HeapShrinking {
  /** HotSpot shrinks the heap after a collection when more than this percentage is free. */
  private static final String MAX_FREE_PERCENT = "MaxHeapFreeRatio";

  private static final String NEVER_SHRINK = "100";

  private static final Logger LOG = LoggerFactory.getLogger(HeapShrinking.class);

  private final HotSpotDiagnosticMXBean hotSpot;
  private final String previous;

  private HeapShrinking(HotSpotDiagnosticMXBean hotSpot, String previous) {
    this.hotSpot = hotSpot;
    this.previous = previous;
  }

  /** Stops heap shrinking until {@link #resume()}; on a JVM without the option, does nothing. */
  static HeapShrinking suspend() {
    HotSpotDiagnosticMXBean hotSpot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (hotSpot == null) {
      return new HeapShrinking(null, null);
    }
    try {
      String previous = hotSpot.getVMOption(MAX_FREE_PERCENT).getValue();
      hotSpot.setVMOption(MAX_FREE_PERCENT, NEVER_SHRINK);
      return new HeapShrinking(hotSpot, previous);
    } catch (IllegalArgumentException e) {
      // Not HotSpot, or the option is not writable here: the figures then include heap regrowth.
      LOG.warn("Cannot keep the heap from shrinking between benchmark runs: {}", e.getMessage());
      return new HeapShrinking(null, null);
    }
  }

  /** Lets the heap shrink again as it did before. */
  void resume() {
    if (hotSpot != null) {
      hotSpot.setVMOption(MAX_FREE_PERCENT, previous);
    }
  }
}
