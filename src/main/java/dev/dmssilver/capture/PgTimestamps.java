package dev.dmssilver.capture;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO text PostgreSQL prints for a timestamp, {@code 2026-12-05 08:27:21.825272+00}, by
 * hand: a capture parses two or three per change, and java.time's formatter took a third of its
 * CPU. Anything else (a year past 9999, BC, {@code infinity}) is left to the caller's slower path.
 */
final class PgTimestamps {
  private PgTimestamps() {}

  /**
   * The instant, or null if the text is not in the plain shape.
   *
   * <p>One method of more than 40 lines on purpose: a hand-written scanner over one string, on the
   * capture's hot path (every timestamp of every change), whose steps read best in order.
   *
   * @param zoned the text ends in an offset ({@code +00}, {@code -05}, {@code +05:30}); without one
   *     the wall clock is read as UTC
   */
  static Instant parse(String text, boolean zoned) {
    int length = text.length();
    if (length < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != ' '
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (at < length && text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && Character.isDigit(text.charAt(at))) {
        at++;
      }
      int count = at - start;
      if (count == 0 || count > 9) {
        return null;
      }
      nanos = digits(text, start, at);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offset = 0;
    if (zoned) {
      if (at + 3 > length || (text.charAt(at) != '+' && text.charAt(at) != '-')) {
        return null;
      }
      int sign = text.charAt(at) == '-' ? -1 : 1;
      offset = digits(text, at + 1, at + 3) * 3600;
      at += 3;
      for (int unit = 60; at < length && text.charAt(at) == ':' && unit >= 1; unit /= 60) {
        offset += digits(text, at + 1, at + 3) * unit;
        at += 3;
      }
      offset *= sign;
    }
    if (at != length || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (RuntimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(
        epochDay * 86_400L + hour * 3600L + minute * 60L + second - offset, nanos);
  }

  /** The decimal number in text[from, to), or -1 if any character is not a digit. */
  private static int digits(String text, int from, int to) {
    if (to > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
