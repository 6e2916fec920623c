package dev.dmssilver.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * What Silver and quarantine must hold, asked of the live source database with SELECT: the database
 * renders every expected row itself (instants in UTC, cut to the millisecond when the endpoint
 * writes milliseconds, decimals as it prints them), and says which rows break a contract rule, in
 * SQL written here from the contracts' own words. Nothing of the code under test decides an
 * expected value.
 */
public final class LiveSourceOracle {
  /** The Silver tables, their source tables, and the SELECT list that renders a row. */
  private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put(
        "dim_customer",
        new String[] {
          "customers",
          "customer_id, first_name, last_name, email, country, phone, signup_date, updated_at",
          "FALSE"
        });
    TABLES.put(
        "dim_product",
        new String[] {
          "products",
          "product_id, name, category, brand, unit_price, stock_qty, updated_at",
          "FALSE"
        });
    TABLES.put(
        "fact_orders",
        new String[] {
          "orders",
          "order_id, customer_id, order_date, order_status, updated_at",
          "order_status NOT IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered',"
              + " 'cancelled', 'refunded')"
        });
    TABLES.put(
        "fact_order_items",
        new String[] {
          "order_items",
          "order_item_id, order_id, product_id, quantity, unit_price, line_total, updated_at,"
              + " (SELECT o.order_date FROM current_orders o WHERE o.order_id = t.order_id)"
              + " AS order_date",
          "NOT EXISTS (SELECT 1 FROM current_orders o WHERE o.order_id = t.order_id)"
        });
    TABLES.put(
        "fact_payments",
        new String[] {
          "payments",
          "payment_id, order_id, method, amount, status, payment_date, updated_at",
          "method NOT IN ('credit_card', 'debit_card', 'paypal', 'bank_transfer', 'crypto')"
              + " OR status NOT IN ('pending', 'completed', 'failed', 'refunded')"
        });
    TABLES.put(
        "fact_shipments",
        new String[] {
          "shipments",
          "shipment_id, order_id, carrier, delivery_status, shipped_date, delivered_date,"
              + " updated_at, ((delivered_date AT TIME ZONE 'UTC')::date"
              + " - (shipped_date AT TIME ZONE 'UTC')::date) AS delivery_days",
          "delivery_status NOT IN ('pending', 'in_transit', 'out_for_delivery', 'delivered',"
              + " 'failed_delivery', 'returned') OR delivered_date < shipped_date"
        });
  }

  private final Connection source;
  private final boolean milliseconds;

  /**
   * @param keepsDeletedRows the endpoint writes no deletes, so Silver keeps each deleted row's last
   *     image: the graveyard's
   * @param milliseconds the endpoint writes millisecond timestamps
   */
  public LiveSourceOracle(Connection source, boolean keepsDeletedRows, boolean milliseconds)
      throws SQLException {
    this.source = source;
    this.milliseconds = milliseconds;
    try (Statement statement = source.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      for (String[] table : TABLES.values()) {
        String current = "public." + table[0];
        if (keepsDeletedRows) {
          String key = table[0].substring(0, table[0].length() - 1) + "_id";
          current =
              String.format(
                  "(SELECT * FROM public.%1$s UNION ALL SELECT * FROM deleted.%1$s d"
                      + " WHERE NOT EXISTS (SELECT 1 FROM public.%1$s p WHERE p.%2$s = d.%2$s))",
                  table[0], key);
        }
        statement.execute(
            String.format(
                "CREATE OR REPLACE TEMP VIEW current_%s AS SELECT * FROM %s t", table[0], current));
      }
    }
  }

  public static List<String> sourceTables() {
    List<String> tables = new ArrayList<>();
    for (String[] table : TABLES.values()) {
      tables.add(table[0]);
    }
    return tables;
  }

  public static List<String> silverTables() {
    return new ArrayList<>(TABLES.keySet());
  }

  /** The rows the source says the table must hold, by key, as "v1|v2|..." lines. */
  public Map<String, String> expected(String silverTable) throws SQLException {
    String[] table = TABLES.get(silverTable);
    Map<String, String> rows = new TreeMap<>();
    String sql = String.format("SELECT * FROM (SELECT %s FROM current_%s t) r", table[1], table[0]);
    try (Statement statement = source.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          cells.add(render(result, i));
        }
        rows.put(cells.get(0), String.join("|", cells));
      }
    }
    return rows;
  }

  /** The keys of the rows that break a rule of the table's contract. */
  public TreeSet<String> breakingRules(String silverTable) throws SQLException {
    String[] table = TABLES.get(silverTable);
    TreeSet<String> keys = new TreeSet<>();
    String sql =
        String.format(
            "SELECT %s_id::text FROM current_%s t WHERE %s",
            table[0].substring(0, table[0].length() - 1), table[0], table[2]);
    try (Statement statement = source.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        keys.add(result.getString(1));
      }
    }
    return keys;
  }

  private String render(ResultSet result, int column) throws SQLException {
    if (result.getObject(column) == null) {
      return "NULL";
    }
    if (result.getMetaData().getColumnTypeName(column).equals("timestamptz")) {
      // The database renders the instant in UTC; DMS cuts microseconds to milliseconds.
      java.time.OffsetDateTime instant =
          result
              .getObject(column, java.time.OffsetDateTime.class)
              .withOffsetSameInstant(java.time.ZoneOffset.UTC);
      String pattern = milliseconds ? "yyyy-MM-dd HH:mm:ss.SSS" : "yyyy-MM-dd HH:mm:ss.SSSSSS";
      return instant.format(java.time.format.DateTimeFormatter.ofPattern(pattern));
    }
    return result.getString(column);
  }

  /** Silver's rows by key, rendered the same way by Spark. */
  public Map<String, String> silver(SparkSession spark, String qualifiedTable) {
    String pattern = milliseconds ? "yyyy-MM-dd HH:mm:ss.SSS" : "yyyy-MM-dd HH:mm:ss.SSSSSS";
    List<String> columns = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField field :
        spark.table(qualifiedTable).schema().fields()) {
      columns.add(
          field.dataType().equals(org.apache.spark.sql.types.DataTypes.TimestampType)
              ? "date_format(`" + field.name() + "`, '" + pattern + "')"
              : "`" + field.name() + "`");
    }
    Map<String, String> rows = new TreeMap<>();
    for (String line : Tables.lines(spark.table(qualifiedTable), columns.toArray(new String[0]))) {
      rows.put(line.substring(0, line.indexOf('|')), line);
    }
    return rows;
  }

  /** The keys quarantine holds for a table. */
  public static TreeSet<String> quarantined(
      SparkSession spark, String quarantineTable, String silverTable) {
    return new TreeSet<>(
        Tables.lines(
            spark.table(quarantineTable).where("table_name = '" + silverTable + "'"),
            "record_key"));
  }
}
