package dev.dmssilver.report;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One metric value with its dimensions, as sent to CloudWatch. */
public final class Metric {
  /** CloudWatch units the jobs use. */
  public enum Unit {
    COUNT,
    SECONDS,
    BYTES,
    NONE
  }

  private final String name;
  private final double value;
  private final Unit unit;
  private final Map<String, String> dimensions;

  public Metric(String name, double value, Unit unit, Map<String, String> dimensions) {
    this.name = requireNonNull(name, "name is null");
    this.value = value;
    this.unit = requireNonNull(unit, "unit is null");
    this.dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  public String name() {
    return name;
  }

  public double value() {
    return value;
  }

  public Unit unit() {
    return unit;
  }

  public Map<String, String> dimensions() {
    return dimensions;
  }

  @Override
  public String toString() {
    return name + dimensions + "=" + value;
  }
}
