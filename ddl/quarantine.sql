-- quarantine: Current-state rows that failed their contract, with the reasons why.
-- REFERENCE ONLY: do not run. The Silver jobs create this table on their first run. Its instants
-- are Iceberg timestamptz (UTC instants), which Athena's CREATE TABLE cannot declare: it creates
-- only timestamp without time zone. Athena reads timestamptz columns as they are. This file is
-- the schema as Athena shows it, checked against the contract and against the table the jobs
-- create by DdlConsistencyTest. ${warehouse} is the warehouse URI, ${database} the database.
CREATE TABLE ${database}.quarantine (
  table_name string,
  record_key string,
  reasons array<string>,
  record string,
  source_op string,
  source_commit_timestamp timestamptz,
  source_file string,
  run_id string,
  quarantined_at timestamptz
)
PARTITIONED BY (table_name)
LOCATION '${warehouse}/${database}.db/quarantine'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
