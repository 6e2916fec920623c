package dev.dmssilver.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalLong;

/**
 * Peak memory of this process between {@link #reset()} and now: the JVM heap (sum of the heap
 * pools' peaks) and, on Linux, the resident set (VmHWM, which writing 5 to clear_refs resets).
 */
final class ResourceUsage {
  private static final Path STATUS = Paths.get("/proc/self/status");
  private static final Path CLEAR_REFS = Paths.get("/proc/self/clear_refs");

  private ResourceUsage() {}

  static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    try {
      Files.write(CLEAR_REFS, "5".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // Not Linux, or not allowed: peak RSS is then the process's peak so far.
    }
  }

  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  static OptionalLong peakRssBytes() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
          return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
