-- fact_payments: Current state of every payment in the source payments table.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.fact_payments (
  payment_id int,
  order_id int,
  method string,
  amount decimal(10,2),
  status string,
  payment_date timestamptz,
  updated_at timestamptz
)
PARTITIONED BY (month(payment_date))
LOCATION '${warehouse}/${database}.db/fact_payments'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
