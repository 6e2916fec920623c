package dev.dmssilver.job;

import dev.dmssilver.Causes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the file Spark names when a scan fails on it, in the chain of causes Spark throws. */
final class UnreadableFile {
  // Spark 3.3's FileScanRDD: "Encountered error while reading file <path>. Details: ..."
  private static final Pattern SPARK_MESSAGE =
      Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details");

  private UnreadableFile() {}

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
