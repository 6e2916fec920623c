-- fact_order_items: Current state of every order line, enriched with its order's date.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.fact_order_items (
  order_item_id int,
  order_id int,
  product_id int,
  quantity int,
  unit_price decimal(10,2),
  line_total decimal(10,2),
  updated_at timestamptz,
  order_date timestamptz
)
PARTITIONED BY (month(order_date))
LOCATION '${warehouse}/${database}.db/fact_order_items'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
