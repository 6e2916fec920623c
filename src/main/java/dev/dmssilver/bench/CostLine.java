package dev.dmssilver.bench;

import java.util.List;

/**
 * A job's cost as a straight line through the sizes measured: a fixed part that does not grow with
 * history, plus a part per million events. Fitted by least squares, it is the figure to plan with:
 * seconds per million events at one size mix the two, so a small history looks dearer per event
 * than it is. The largest miss says how well a line describes the sizes measured.
 */
public final class CostLine {
  private final double fixedSeconds;
  private final double secondsPerMillionEvents;
  private final double largestMiss;

  private CostLine(double fixedSeconds, double secondsPerMillionEvents, double largestMiss) {
    this.fixedSeconds = fixedSeconds;
    this.secondsPerMillionEvents = secondsPerMillionEvents;
    this.largestMiss = largestMiss;
  }

  /** A cost measured at one size. */
  public static final class Point {
    final long events;
    final double seconds;

    public Point(long events, double seconds) {
      this.events = events;
      this.seconds = seconds;
    }
  }

  /** Fits a line to two or more points of different sizes. */
  public static CostLine fit(List<Point> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("A line needs two sizes, not " + points.size());
    }
    double meanMillions = 0;
    double meanSeconds = 0;
    for (Point point : points) {
      meanMillions += millions(point);
      meanSeconds += point.seconds;
    }
    meanMillions /= points.size();
    meanSeconds /= points.size();
    double covariance = 0;
    double variance = 0;
    for (Point point : points) {
      covariance += (millions(point) - meanMillions) * (point.seconds - meanSeconds);
      variance += (millions(point) - meanMillions) * (millions(point) - meanMillions);
    }
    if (variance == 0) {
      throw new IllegalArgumentException("A line needs two different sizes");
    }
    double perMillion = covariance / variance;
    double fixed = meanSeconds - perMillion * meanMillions;
    CostLine line = new CostLine(fixed, perMillion, 0);
    double largestMiss = 0;
    for (Point point : points) {
      double predicted = line.secondsFor(point.events);
      largestMiss = Math.max(largestMiss, Math.abs(predicted - point.seconds) / point.seconds);
    }
    return new CostLine(fixed, perMillion, largestMiss);
  }

  private static double millions(Point point) {
    return point.events / 1e6;
  }

  /** The part that does not grow with history; negative only where the sizes disagree. */
  public double fixedSeconds() {
    return fixedSeconds;
  }

  public double secondsPerMillionEvents() {
    return secondsPerMillionEvents;
  }

  /** The largest gap between the line and a size measured, as a fraction of that size's cost. */
  public double largestMiss() {
    return largestMiss;
  }

  /** What the line predicts for a history of {@code events}. */
  public double secondsFor(long events) {
    return fixedSeconds + secondsPerMillionEvents * (events / 1e6);
  }

  /** "1.2 s + 2.10 s per M events (largest miss 4%)". */
  public String describe() {
    // A fixed part that rounds to zero prints as 0.0, not as "-0.0".
    double fixed = Math.abs(fixedSeconds) < 0.05 ? 0.0 : fixedSeconds;
    return String.format(
        "%.1f s + %.2f s per M events (largest miss %.0f%%)",
        fixed, secondsPerMillionEvents, largestMiss * 100);
  }
}
