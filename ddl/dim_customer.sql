-- dim_customer: Current state of every customer in the source customers table.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.dim_customer (
  customer_id int,
  first_name string,
  last_name string,
  email string,
  country string,
  phone string,
  signup_date timestamp,
  updated_at timestamp
)
LOCATION '${warehouse}/${database}.db/dim_customer'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
