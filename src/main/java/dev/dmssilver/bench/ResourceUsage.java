package dev.dmssilver.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of this process between {@link #reset()} and now: the JVM heap and, on Linux, the
 * resident set (VmHWM, which writing 5 to clear_refs resets).
 *
 * <p>The heap's peak is the most it held at once. That is just before some collection, so it is the
 * largest heap use any collection found on starting, or the use now if larger. (The sum of the heap
 * pools' own peaks is not it: the pools peak at different times, and the sum can pass the heap's
 * size.)
 */
final class ResourceUsage {
  private static final Path STATUS = Paths.get("/proc/self/status");
  private static final Path CLEAR_REFS = Paths.get("/proc/self/clear_refs");
  private static final AtomicLong PEAK_HEAP_BYTES = new AtomicLong();
  private static final Set<String> HEAP_POOLS = heapPools();
  private static final Map<String, Long> COLLECTIONS_AT_RESET = new ConcurrentHashMap<>();

  static {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter) {
        ((NotificationEmitter) collector)
            .addNotificationListener(
                (notification, handback) -> {
                  if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                      notification.getType())) {
                    record(
                        GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData()));
                  }
                },
                null,
                null);
      }
    }
  }

  private ResourceUsage() {}

  static void reset() {
    // Collections report late: one that ran before now must not count after it.
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      COLLECTIONS_AT_RESET.put(collector.getName(), collector.getCollectionCount());
    }
    PEAK_HEAP_BYTES.set(heapInUse());
    try {
      Files.write(CLEAR_REFS, "5".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // Not Linux, or not allowed: peak RSS is then the process's peak so far.
    }
  }

  static long peakHeapBytes() {
    return PEAK_HEAP_BYTES.accumulateAndGet(heapInUse(), Math::max);
  }

  private static void record(GarbageCollectionNotificationInfo collection) {
    // A collection's id is the collector's count of collections, this one included.
    long countedBefore = COLLECTIONS_AT_RESET.getOrDefault(collection.getGcName(), -1L);
    if (collection.getGcInfo().getId() <= countedBefore) {
      return;
    }
    long inUse = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        collection.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        inUse += pool.getValue().getUsed();
      }
    }
    PEAK_HEAP_BYTES.accumulateAndGet(inUse, Math::max);
  }

  private static long heapInUse() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Set<String> heapPools() {
    Set<String> names = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        names.add(pool.getName());
      }
    }
    return names;
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
