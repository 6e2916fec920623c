package dev.dmssilver.maintenance;

import dev.dmssilver.SilverException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Retention durations as people write them: {@code 12h}, {@code 7d}, {@code 0d}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([hd])");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher matcher = DURATION.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot read duration '" + text + "': expected hours or days, e.g. 12h, 7d or 0d");
    }
    long amount = Long.parseLong(matcher.group(1));
    return matcher.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
  }

  /** The shortest form that {@link #parse} reads back: {@code 7d}, {@code 36h}. */
  public static String format(Duration duration) {
    long hours = duration.toHours();
    return hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
  }
}
