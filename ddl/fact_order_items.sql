-- fact_order_items: Current state of every order line, enriched with its order's date.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.fact_order_items (
  order_item_id int,
  order_id int,
  product_id int,
  quantity int,
  unit_price decimal(10,2),
  line_total decimal(10,2),
  updated_at timestamp,
  order_date timestamp
)
PARTITIONED BY (month(order_date))
LOCATION '${warehouse}/${database}.db/fact_order_items'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
