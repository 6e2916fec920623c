package dev.dmssilver.quality;

import static org.apache.spark.sql.functions.udf;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.types.DataTypes;

/**
 * A value fixed for one run, such as its start time, as a column that reaches Spark's generated
 * code as data, not as source text.
 *
 * <p>Spark 3.3 writes a timestamp literal into the Java it generates for a stage ({@code
 * 1764662400000000L}), so a stage that compares with the run's start is new code in every run: its
 * compiled-code cache misses, Janino compiles it again and the JIT starts over on its hot loop. In
 * a JVM that runs jobs one after another (the benchmark, a notebook, an interactive Glue session)
 * that was paid on every run. A deterministic expression would be folded back into a literal, so
 * the value comes from a function Spark may not fold: the generated code then calls it through a
 * reference, and is the same text, and the same compiled class, in every run.
 */
public final class RunConstant {
  private RunConstant() {}

  public static Column timestamp(Instant value) {
    UDF0<Instant> constant = () -> value;
    return udf(constant, DataTypes.TimestampType).asNondeterministic().apply();
  }
}
