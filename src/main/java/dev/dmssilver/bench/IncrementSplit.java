package dev.dmssilver.bench;

import dev.dmssilver.bronze.BronzeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A history split into what an earlier run saw and the newest increment: the newest CDC files of
 * the job's table holding at least the increment's events, and the files of the tables it enriches
 * from written in the same window. Files are hard-linked, never copied.
 */
final class IncrementSplit {
  final Set<Path> held;

  /** The job's events in the whole history, full loads included. */
  final long historyEvents;

  /** The job's events in the increment. */
  final long jobEvents;

  private IncrementSplit(Set<Path> held, long historyEvents, long jobEvents) {
    this.held = held;
    this.historyEvents = historyEvents;
    this.jobEvents = jobEvents;
  }

  /**
   * @param folders the job's Bronze folder first, then those of the entities it enriches from
   * @param jobFiles the files of the job's Bronze folder, with their row counts
   */
  static IncrementSplit newest(
      Path history, List<Path> folders, List<BronzeFile> jobFiles, IncrementSize increment) {
    List<BronzeFile> changes = new ArrayList<>();
    long total = 0;
    long changed = 0;
    for (BronzeFile file : jobFiles) {
      total += file.rowCount();
      if (!file.isFullLoad()) {
        changes.add(file);
        changed += file.rowCount();
      }
    }
    long wanted = increment.eventsOf(total);
    if (wanted >= changed) {
      throw new IllegalArgumentException(
          String.format(
              "An increment of %,d events needs more of the job's CDC events than the %,d under %s",
              wanted, changed, history));
    }
    changes.sort(Comparator.comparing(BronzeFile::name).reversed());
    long held = 0;
    String oldestHeld = null;
    for (BronzeFile file : changes) {
      if (held >= wanted) {
        break;
      }
      held += file.rowCount();
      oldestHeld = file.name();
    }
    if (oldestHeld == null) {
      throw new IllegalStateException("No CDC files to hold back under " + history);
    }
    Set<Path> heldFiles = new HashSet<>();
    for (Path folder : folders) {
      for (Path file : parquetUnder(folder)) {
        String name = String.valueOf(file.getFileName());
        if (!BronzeFile.isFullLoadFileName(name) && name.compareTo(oldestHeld) >= 0) {
          heldFiles.add(file);
        }
      }
    }
    return new IncrementSplit(heldFiles, total, held);
  }

  /** Links every file of {@code history} but the increment into {@code bronze}. */
  void copyHistoryWithout(Path history, Path bronze) {
    for (Path file : parquetUnder(history)) {
      if (!held.contains(file)) {
        link(history, bronze, file);
      }
    }
  }

  /** Links the increment into {@code bronze}: it arrives. */
  void deliver(Path history, Path bronze) {
    for (Path file : held) {
      link(history, bronze, file);
    }
  }

  private static void link(Path history, Path bronze, Path file) {
    Path target = bronze.resolve(history.relativize(file).toString());
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createLink(target, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> parquetUnder(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(path -> path.toString().endsWith(".parquet"))
          .map(path -> Paths.get(path.toAbsolutePath().toString()))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
