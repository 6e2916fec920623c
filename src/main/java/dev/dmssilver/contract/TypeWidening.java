package dev.dmssilver.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Which types may be cast to which without losing a value. It decides two things: which Bronze file
 * types a contract column accepts (DMS writes a column's type as the source had it when the file
 * was written, so the same column can be a smallint in old files and an int in new ones), and which
 * Silver types a contract may widen a source column to. Every cast allowed here succeeds for every
 * value.
 */
public final class TypeWidening {
  private TypeWidening() {}

  public static boolean isSafe(DataType from, DataType to) {
    if (from.equals(to)) {
      return true;
    }
    if (to instanceof DecimalType) {
      return fitsDecimal(from, (DecimalType) to);
    }
    if (to.equals(DataTypes.LongType)) {
      return isIntegral(from);
    }
    if (to.equals(DataTypes.IntegerType)) {
      return from.equals(DataTypes.ByteType) || from.equals(DataTypes.ShortType);
    }
    if (to.equals(DataTypes.DoubleType)) {
      return from.equals(DataTypes.FloatType);
    }
    if (to.equals(DataTypes.TimestampType)) {
      // Parquet timestamps in millis or micros both read as TimestampType; a timestamp without a
      // zone is read in the session's zone, which is always UTC here.
      return "timestamp_ntz".equals(from.typeName());
    }
    return false;
  }

  private static boolean fitsDecimal(DataType from, DecimalType to) {
    int integerDigits = to.precision() - to.scale();
    if (from instanceof DecimalType) {
      DecimalType source = (DecimalType) from;
      return to.scale() >= source.scale() && integerDigits >= source.precision() - source.scale();
    }
    return isIntegral(from) && integerDigits >= integralDigits(from);
  }

  private static boolean isIntegral(DataType type) {
    return type.equals(DataTypes.ByteType)
        || type.equals(DataTypes.ShortType)
        || type.equals(DataTypes.IntegerType)
        || type.equals(DataTypes.LongType);
  }

  private static int integralDigits(DataType type) {
    if (type.equals(DataTypes.ByteType)) {
      return 3;
    }
    if (type.equals(DataTypes.ShortType)) {
      return 5;
    }
    if (type.equals(DataTypes.IntegerType)) {
      return 10;
    }
    return 19;
  }
}
