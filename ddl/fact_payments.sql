-- fact_payments: Current state of every payment in the source payments table.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.fact_payments (
  payment_id int,
  order_id int,
  method string,
  amount decimal(10,2),
  status string,
  payment_date timestamp,
  updated_at timestamp
)
PARTITIONED BY (month(payment_date))
LOCATION '${warehouse}/${database}.db/fact_payments'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
