-- fact_shipments: Current state of every shipment, with the days it took to deliver.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.fact_shipments (
  shipment_id int,
  order_id int,
  carrier string,
  delivery_status string,
  shipped_date timestamp,
  delivered_date timestamp,
  updated_at timestamp,
  delivery_days int
)
PARTITIONED BY (month(shipped_date))
LOCATION '${warehouse}/${database}.db/fact_shipments'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
