package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

/** A Silver column computed from the others by a Spark SQL expression, e.g. delivery_days. */
public final class DerivedColumn {
  private final ColumnSpec column;
  private final String expression;

  public DerivedColumn(ColumnSpec column, String expression) {
    this.column = requireNonNull(column, "column is null");
    this.expression = requireNonNull(expression, "expression is null");
  }

  public ColumnSpec column() {
    return column;
  }

  public String name() {
    return column.name();
  }

  public String expression() {
    return expression;
  }
}
