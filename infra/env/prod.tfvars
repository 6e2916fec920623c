environment        = "prod"
region             = "eu-west-1"
bronze_bucket      = "acme-dms-bronze-prod"
bronze_prefix      = "dms/shop"
warehouse_bucket   = "acme-lakehouse-prod"
artifacts_bucket   = "acme-artifacts-prod"
max_data_age_hours = 26
alarm_email        = "data-oncall@example.com"
