-- fact_shipments: Current state of every shipment, with the days it took to deliver.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.fact_shipments (
  shipment_id int,
  order_id int,
  carrier string,
  delivery_status string,
  shipped_date timestamptz,
  delivered_date timestamptz,
  updated_at timestamptz,
  delivery_days int
)
PARTITIONED BY (month(shipped_date))
LOCATION '${warehouse}/${database}.db/fact_shipments'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
