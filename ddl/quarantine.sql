-- quarantine: Current-state rows that failed their contract, with the reasons why.
-- Athena engine v3. The Silver jobs create this table themselves on their first run; this DDL
-- is for registering it by hand (or in another account) and is checked against the contract
-- and against the table the jobs create by DdlConsistencyTest. ${warehouse} is the warehouse
-- URI (e.g. s3://lake-prod/warehouse) and ${database} the Silver database (default silver).
CREATE TABLE ${database}.quarantine (
  table_name string,
  record_key string,
  reasons array<string>,
  record string,
  source_op string,
  source_commit_timestamp timestamp,
  source_file string,
  run_id string,
  quarantined_at timestamp
)
PARTITIONED BY (table_name)
LOCATION '${warehouse}/${database}.db/quarantine'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'zstd'
);
