-- dim_product: Current state of every product in the source products table.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.dim_product (
  product_id int,
  name string,
  category string,
  brand string,
  unit_price decimal(10,2),
  stock_qty int,
  updated_at timestamp
)
LOCATION '${warehouse}/${database}.db/dim_product'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
