-- fact_orders: Current state of every order in the source orders table.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.fact_orders (
  order_id int,
  customer_id int,
  order_date timestamp,
  order_status string,
  updated_at timestamp
)
PARTITIONED BY (month(order_date))
LOCATION '${warehouse}/${database}.db/fact_orders'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
