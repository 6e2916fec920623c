package dev.dmssilver.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text that PostgreSQL's {@code test_decoding} plugin (the one DMS uses) writes for one
 * decoded record:
 *
 * <pre>
 * BEGIN 740
 * table public.orders: UPDATE: old-key: order_id[integer]:5 ... new-tuple: order_id[integer]:5 ...
 * COMMIT 740 (at 2026-12-05 05:40:00.123456+00)
 * </pre>
 *
 * Column values are {@code null}, a quoted string ({@code ''} for a quote), or a bare token
 * (numbers, booleans); identifiers are double-quoted when they need to be.
 */
final class TestDecoding {
  /** A value test_decoding could not print because TOAST kept it out of the WAL record. */
  static final String UNCHANGED_TOAST = "unchanged-toast-datum";

  private static final String COMMIT_TIME = "(at ";

  private TestDecoding() {}

  /** What one record is. */
  enum Kind {
    BEGIN,
    COMMIT,
    CHANGE,
    /** A TRUNCATE, a logical message or anything else that is not a row change. */
    OTHER
  }

  /** One parsed record. */
  static final class Record {
    final Kind kind;

    /** For COMMIT: the commit time's text; for OTHER: the record itself. */
    final String text;

    /** For CHANGE: {@code schema.table}. */
    final String table;

    /** For CHANGE: I, U or D. */
    final char op;

    final Tuple oldTuple;
    final Tuple newTuple;

    private Record(Kind kind, String text, String table, char op, Tuple oldTuple, Tuple newTuple) {
      this.kind = kind;
      this.text = text;
      this.table = table;
      this.op = op;
      this.oldTuple = oldTuple;
      this.newTuple = newTuple;
    }
  }

  /** Column names and their values' text (null for NULL), in table order. */
  static final class Tuple {
    final List<String> names = new ArrayList<>();
    final List<String> values = new ArrayList<>();
  }

  static Record parse(String data) {
    if (data.startsWith("BEGIN")) {
      return new Record(Kind.BEGIN, data, null, ' ', null, null);
    }
    if (data.startsWith("COMMIT")) {
      int at = data.indexOf(COMMIT_TIME);
      if (at < 0 || !data.endsWith(")")) {
        throw new IllegalArgumentException(
            "COMMIT without its time; the slot must be read with include-timestamp on: " + data);
      }
      return new Record(
          Kind.COMMIT,
          data.substring(at + COMMIT_TIME.length(), data.length() - 1),
          null,
          ' ',
          null,
          null);
    }
    if (!data.startsWith("table ")) {
      return new Record(Kind.OTHER, data, null, ' ', null, null);
    }
    return parseChange(data);
  }

  private static Record parseChange(String data) {
    Scanner scanner = new Scanner(data, "table ".length());
    String schema = scanner.identifier();
    scanner.expect(".");
    String table = schema + "." + scanner.identifier();
    scanner.expect(": ");
    int colon = data.indexOf(':', scanner.position);
    String action = data.substring(scanner.position, colon);
    scanner.position = colon + 1;
    switch (action) {
      case "INSERT":
        return new Record(Kind.CHANGE, data, table, 'I', null, scanner.tuple());
      case "UPDATE":
        scanner.skipSpaces();
        Tuple old = null;
        if (scanner.consume("old-key:")) {
          old = scanner.tuple();
          scanner.skipSpaces();
          scanner.expect("new-tuple:");
        }
        return new Record(Kind.CHANGE, data, table, 'U', old, scanner.tuple());
      case "DELETE":
        return new Record(Kind.CHANGE, data, table, 'D', scanner.tuple(), null);
      default:
        return new Record(Kind.OTHER, data, table, ' ', null, null);
    }
  }

  /** Walks one record's text. */
  private static final class Scanner {
    private final String text;
    private int position;

    Scanner(String text, int position) {
      this.text = text;
      this.position = position;
    }

    /** Columns up to the end, or up to {@code new-tuple:}; empty for {@code (no-tuple-data)}. */
    Tuple tuple() {
      Tuple tuple = new Tuple();
      skipSpaces();
      if (text.startsWith("(no-tuple-data)", position)) {
        position += "(no-tuple-data)".length();
        return tuple;
      }
      while (true) {
        skipSpaces();
        if (position >= text.length() || text.startsWith("new-tuple:", position)) {
          return tuple;
        }
        tuple.names.add(identifier());
        int typeEnd = text.indexOf("]:", position);
        if (text.charAt(position) != '[' || typeEnd < 0) {
          throw malformed("a column's [type]");
        }
        position = typeEnd + 2;
        tuple.values.add(value());
      }
    }

    private String value() {
      if (text.startsWith("null", position) && atTokenEnd(position + 4)) {
        position += 4;
        return null;
      }
      if (text.charAt(position) == '\'') {
        return quoted('\'');
      }
      int end = text.indexOf(' ', position);
      end = end < 0 ? text.length() : end;
      String token = text.substring(position, end);
      position = end;
      if (token.startsWith("B'")) {
        return token.substring(2, token.length() - 1);
      }
      return token;
    }

    private boolean atTokenEnd(int at) {
      return at >= text.length() || text.charAt(at) == ' ';
    }

    String identifier() {
      if (text.charAt(position) == '"') {
        return quoted('"');
      }
      int start = position;
      while (position < text.length() && isIdentifierChar(text.charAt(position))) {
        position++;
      }
      if (position == start) {
        throw malformed("an identifier");
      }
      return text.substring(start, position);
    }

    private static boolean isIdentifierChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A {@code quote}-delimited text in which two quotes stand for one. */
    private String quoted(char quote) {
      StringBuilder value = new StringBuilder();
      position++;
      while (true) {
        int next = text.indexOf(quote, position);
        if (next < 0) {
          throw malformed("a closing " + quote);
        }
        value.append(text, position, next);
        if (next + 1 < text.length() && text.charAt(next + 1) == quote) {
          value.append(quote);
          position = next + 2;
          continue;
        }
        position = next + 1;
        return value.toString();
      }
    }

    void skipSpaces() {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
    }

    boolean consume(String expected) {
      if (text.startsWith(expected, position)) {
        position += expected.length();
        return true;
      }
      return false;
    }

    void expect(String expected) {
      if (!consume(expected)) {
        throw malformed("'" + expected + "'");
      }
    }

    private IllegalArgumentException malformed(String what) {
      return new IllegalArgumentException(
          "Cannot parse test_decoding output: expected "
              + what
              + " at "
              + position
              + " of: "
              + text);
    }
  }
}
