package dev.dmssilver.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.bench.Benchmark.Measurement;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Times each variant as a whole process of its own: a fresh JVM that starts Spark, runs the variant
 * once and exits, as {@code bin/silver run} and a Glue job do. Start-up, class loading and the JIT
 * compiling Spark's code are all paid inside the time, which is what a job costs when it runs on
 * its own. Variants take turns round by round, and each reports its median process.
 *
 * <p>Each process is this command again, {@code bench --variants V --repeat 1 --no-warm-up --json},
 * started with this JVM's own options and class path, so both measure the same variant the same
 * way; the child's figures give everything but the process's wall time.
 */
public final class FreshProcesses {
  /**
   * JVM options a child must not inherit: an agent or a recording would attach to every child, and
   * an archive being written at exit would be written by every child to the same file.
   */
  private static final List<String> NOT_INHERITED =
      Arrays.asList(
          "-agentlib:",
          "-agentpath:",
          "-javaagent:",
          "-XX:StartFlightRecording",
          "-XX:ArchiveClassesAtExit");

  /** The system property bin/silver sets to its own path. */
  static final String LAUNCHER = "silver.launcher";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> javaCommand;
  private final List<String> benchArguments;
  private final Path outputFolder;

  private FreshProcesses(List<String> javaCommand, List<String> benchArguments, Path outputFolder) {
    this.javaCommand = Collections.unmodifiableList(new ArrayList<>(javaCommand));
    this.benchArguments = Collections.unmodifiableList(new ArrayList<>(benchArguments));
    this.outputFolder = requireNonNull(outputFolder, "outputFolder is null");
  }

  /**
   * Children like this JVM, running {@code mainClass} with the bench command's arguments.
   *
   * @param benchArguments the command and the options every child shares, e.g. {@code bench --dir D
   *     --contracts C}; each run adds its Bronze, job and variant
   * @param outputFolder where the children's figures are written
   */
  public static FreshProcesses likeThisJvm(
      String mainClass, List<String> benchArguments, Path outputFolder) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherited(option)) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return new FreshProcesses(command, benchArguments, outputFolder);
  }

  /**
   * The command that runs {@code silver} as a user runs it: the {@code bin/silver} that started
   * this JVM (property {@value #LAUNCHER}), with its own defaults for the heap, the JIT and
   * class-data sharing; or, without one (a JVM started otherwise), this JVM's java, options and
   * class path. A warm benchmark's own JVM runs with the full JIT, which a short job's process does
   * not.
   */
  public static List<String> asBinSilverRuns(String mainClass, Path outputFolder) {
    String launcher = System.getProperty(LAUNCHER, "");
    if (!launcher.isEmpty() && Files.isExecutable(Paths.get(launcher))) {
      return Collections.singletonList(launcher);
    }
    return likeThisJvm(mainClass, new ArrayList<>(), outputFolder).javaCommand();
  }

  /** The java command of every child: this JVM's java, options and class path, and main class. */
  public List<String> javaCommand() {
    return javaCommand;
  }

  static boolean inherited(String jvmOption) {
    for (String prefix : NOT_INHERITED) {
      if (jvmOption.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs every variant {@code repeats} times at every size of Bronze, in turns, each in a new
   * process: each size's medians, in the order of {@code bronzeBySize}. Every round runs every
   * variant at every size, so that the host's drift falls on all sizes alike.
   */
  public List<List<Measurement>> runEachSize(
      String job, List<Path> bronzeBySize, List<BenchVariant> variants, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("Cannot repeat a benchmark " + repeats + " times");
    }
    return Benchmark.inTurns(
        bronzeBySize.size(),
        variants,
        repeats,
        (size, variant) -> runOnce(job, bronzeBySize.get(size), variant));
  }

  /** The command line of one child. */
  List<String> command(String job, Path bronze, BenchVariant variant) {
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(benchArguments);
    command.addAll(
        Arrays.asList(
            "--bronze",
            bronze.toString(),
            "--jobs",
            job,
            "--variants",
            variant.shortName(),
            "--repeat",
            "1",
            "--no-warm-up",
            "--json"));
    return command;
  }

  private Measurement runOnce(String job, Path bronze, BenchVariant variant) {
    try {
      Files.createDirectories(outputFolder);
      File figures = outputFolder.resolve("figures-" + variant.shortName() + ".json").toFile();
      ProcessBuilder child =
          new ProcessBuilder(command(job, bronze, variant))
              .redirectOutput(figures)
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      long started = System.nanoTime();
      int exitCode = child.start().waitFor();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (exitCode != 0) {
        throw new IllegalStateException(
            String.format(
                "Cannot time the %s in a fresh process: it exited with %d (its errors are above)",
                variant.label(), exitCode));
      }
      return measurement(variant, job, seconds, JSON.readTree(figures));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a process for the " + variant.label(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted timing the " + variant.label(), e);
    }
  }

  /** The child's own figures, with the whole process's wall time as the seconds compared. */
  static Measurement measurement(
      BenchVariant variant, String job, double processSeconds, JsonNode childFigures) {
    JsonNode table = childFigures.get("jobs").get(0);
    JsonNode figures = table.get("variants").get(0);
    return new Measurement(
        variant,
        job,
        table.get("events").asLong(),
        processSeconds,
        figures.get("seconds").asDouble(),
        figures.get("task_cpu_seconds").asDouble(),
        figures.get("peak_heap_bytes").asLong(),
        figures.get("peak_rss_bytes").asLong(),
        figures.get("spilled_bytes").asLong(),
        figures.get("bronze_passes").asDouble());
  }
}
