package dev.dmssilver.contract;

import static java.util.Objects.requireNonNull;

/**
 * A named data-quality rule: a Spark SQL boolean expression that a valid row satisfies. The name is
 * the quarantine reason and the metric dimension when a row fails it. A rule that evaluates to NULL
 * has failed.
 */
public final class Rule {
  private final String name;
  private final String expression;

  public Rule(String name, String expression) {
    this.name = SqlIdentifier.checked("rule name", name);
    this.expression = requireNonNull(expression, "expression is null");
  }

  public String name() {
    return name;
  }

  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return name + ": " + expression;
  }
}
