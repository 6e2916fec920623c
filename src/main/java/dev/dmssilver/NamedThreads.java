package dev.dmssilver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pools whose threads say whose they are in a thread dump or a log line: {@code
 * silver-jobs-1}, {@code silver-footers-3}. The threads are daemons, so a pool somebody forgot to
 * shut down never keeps the JVM alive.
 */
public final class NamedThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private NamedThreads(String name) {
    this.prefix = "silver-" + name + "-";
  }

  /** A pool of {@code size} threads named {@code silver-<name>-<n>}. */
  public static ExecutorService fixedPool(String name, int size) {
    return Executors.newFixedThreadPool(size, new NamedThreads(name));
  }

  /** One scheduling thread named {@code silver-<name>-1}. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(new NamedThreads(name));
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
