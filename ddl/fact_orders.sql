-- fact_orders: Current state of every order in the source orders table.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.fact_orders (
  order_id int,
  customer_id int,
  order_date timestamptz,
  order_status string,
  updated_at timestamptz
)
PARTITIONED BY (month(order_date))
LOCATION '${warehouse}/${database}.db/fact_orders'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
