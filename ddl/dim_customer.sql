-- dim_customer: Current state of every customer in the source customers table.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.dim_customer (
  customer_id int,
  first_name string,
  last_name string,
  email string,
  country string,
  phone string,
  signup_date timestamptz,
  updated_at timestamptz
)
LOCATION '${warehouse}/${database}.db/dim_customer'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
