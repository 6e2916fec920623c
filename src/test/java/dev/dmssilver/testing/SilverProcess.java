package dev.dmssilver.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** bin/silver as a child process whose stderr can be watched line by line, and killed at will. */
public final class SilverProcess {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Path stdout;

  private SilverProcess(Process process, Path stdout) {
    this.process = process;
    this.stdout = stdout;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                  synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                  }
                }
              } catch (IOException ignored) {
                // The process was killed.
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  public static SilverProcess start(
      Path workFolder, Map<String, String> environment, String... arguments) throws IOException {
    Path stdout = Files.createTempFile(workFolder, "stdout", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command(arguments))
            .directory(workFolder.toFile())
            .redirectOutput(stdout.toFile());
    builder.environment().putAll(environment);
    return new SilverProcess(builder.start(), stdout);
  }

  /** What a finished run of bin/silver left: its exit code and everything it printed. */
  public record Finished(int exitCode, String stdout, String stderr) {}

  /**
   * Runs bin/silver to the end in {@code directory}, with its output captured in files under {@code
   * workFolder}; fails if it runs for more than ten minutes.
   */
  public static Finished run(
      Path workFolder, Path directory, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workFolder, "out", ".txt");
    Path err = Files.createTempFile(workFolder, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command(arguments))
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/silver " + String.join(" ", arguments) + " did not finish");
    }
    return new Finished(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> command(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(PROJECT.resolve("bin/silver").toAbsolutePath().toString());
    command.addAll(List.of(arguments));
    return command;
  }

  /** Waits until a stderr line contains {@code text}; false if the process ended first. */
  public boolean awaitLine(String text, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (lines) {
      while (System.nanoTime() < deadline) {
        for (String line : lines) {
          if (line.contains(text)) {
            return true;
          }
        }
        if (!process.isAlive()) {
          return false;
        }
        lines.wait(100);
      }
    }
    return false;
  }

  /** SIGKILL: no shutdown hooks, no finally blocks, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  public int waitFor() throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/silver did not finish");
    }
    return process.exitValue();
  }

  public String stderr() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  public String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** Starts several processes at the same moment. */
  public static List<SilverProcess> startTogether(
      int count, Path workFolder, Map<String, String> environment, String... arguments)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    List<SilverProcess> started = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  ready.await();
                  SilverProcess process = start(workFolder, environment, arguments);
                  synchronized (started) {
                    started.add(process);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    ready.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return started;
  }
}
