package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

/** A Silver column: its name and type. */
public final class ColumnSpec {
  private final String name;
  private final ColumnType type;

  public ColumnSpec(String name, ColumnType type) {
    this.name = SqlIdentifier.checked("column name", name);
    this.type = requireNonNull(type, "type is null");
  }

  public String name() {
    return name;
  }

  public ColumnType type() {
    return type;
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
