package dev.dmssilver.job;

import dev.dmssilver.Causes;
import dev.dmssilver.SilverException;
import dev.dmssilver.bronze.BronzeInventory;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the file Spark names when a scan fails on it, in the chain of causes Spark throws. */
final class UnreadableFile {
  // Spark 3.3's FileScanRDD: "Encountered error while reading file <path>. Details: ..."
  private static final Pattern SPARK_MESSAGE =
      Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details");

  private UnreadableFile() {}

  /**
   * Runs a Spark action that reads Bronze files of {@code inventory}. A file whose footer was fine
   * but whose pages are not fails only there, deep inside Spark: this says which file, plainly.
   */
  static <T> T explained(BronzeInventory inventory, Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) {
      // Exception, not RuntimeException: a failed Spark job is a SparkException, a checked
      // exception that Spark's Scala code throws without declaring it.
      Optional<String> file = in(e);
      if (!file.isPresent()) {
        throw e;
      }
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: %s is corrupt (%s)",
              inventory.bronzeTable(), file.get(), rootCause(e)),
          e);
    }
  }

  static Optional<String> in(Throwable failure) {
    for (Throwable cause : Causes.chain(failure)) {
      Matcher matcher = SPARK_MESSAGE.matcher(String.valueOf(cause.getMessage()));
      if (matcher.find()) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }

  static String rootCause(Throwable failure) {
    Throwable root = Causes.root(failure);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
