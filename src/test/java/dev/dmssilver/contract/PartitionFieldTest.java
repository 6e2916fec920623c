package dev.dmssilver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** One partition field, applied the same way to an Iceberg spec and to a Spark write. */
class PartitionFieldTest {
  private static final Schema ORDERS =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.IntegerType.get()),
          Types.NestedField.optional(2, "order_date", Types.TimestampType.withZone()));

  @Test
  void eachTransformBecomesTheSameIcebergAndSparkTransform() {
    for (String transform : new String[] {"years", "months", "days"}) {
      PartitionField field = PartitionField.parse(transform + "(order_date)");

      PartitionSpec spec = field.applyTo(PartitionSpec.builderFor(ORDERS)).build();

      assertThat(spec.fields()).hasSize(1);
      assertThat(spec.fields().get(0).transform().toString()).isEqualTo(field.icebergTransform());
      assertThat(field.sparkTransform().toString()).isEqualTo(transform + "(order_date)");
    }
  }

  @Test
  void anUnknownTransformIsRefusedWhenTheContractIsRead() {
    assertThatThrownBy(() -> PartitionField.parse("hours(order_date)"))
        .hasMessageContaining("expected years(column), months(column) or days(column)");
  }
}
