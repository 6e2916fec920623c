package dev.dmssilver.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A plain-text table with aligned columns: numbers right-aligned, text left-aligned. */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  public TextTable(List<String> header) {
    this.header = Collections.unmodifiableList(new ArrayList<>(header));
    this.rightAligned = new boolean[header.size()];
    Arrays.fill(rightAligned, true);
  }

  public TextTable addRow(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "Cannot add a row of " + cells.size() + " cells to a table of " + header.size());
    }
    List<String> row = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i) == null ? "NULL" : cells.get(i);
      if (!looksNumeric(cell)) {
        rightAligned[i] = false;
      }
      row.add(cell);
    }
    rows.add(row);
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    appendLine(text, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add(repeat('-', width));
    }
    appendLine(text, rule, widths);
    for (List<String> row : rows) {
      appendLine(text, row, widths);
    }
    return text.toString();
  }

  private void appendLine(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String padding = repeat(' ', widths[i] - cell.length());
      if (i > 0) {
        line.append("  ");
      }
      line.append(rightAligned[i] ? padding + cell : cell + padding);
    }
    text.append(stripTrailing(line.toString())).append('\n');
  }

  /** Numbers (and durations and percentages) are right-aligned: "1,234", "-0.5", "12.3 s". */
  private static boolean looksNumeric(String cell) {
    String number = cell;
    for (String unit : new String[] {" s", " ms", " %", "%"}) {
      if (number.endsWith(unit)) {
        number = number.substring(0, number.length() - unit.length());
        break;
      }
    }
    boolean digits = false;
    for (int i = 0; i < number.length(); i++) {
      char character = number.charAt(i);
      if (Character.isDigit(character)) {
        digits = true;
      } else if (character != ',' && character != '.' && !(character == '-' && i == 0)) {
        return false;
      }
    }
    return digits || cell.isEmpty();
  }

  private static String repeat(char character, int count) {
    char[] characters = new char[Math.max(0, count)];
    Arrays.fill(characters, character);
    return new String(characters);
  }

  private static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(0, end);
  }
}
