# Personal data is tagged PII=true in Lake Formation, column by column; access to it is granted
# by tag, not by table.
#
# Two facts shape this file. The Silver tables are created by the jobs' first run, not here, so
# column tags wait for var.silver_tables_exist (apply once, run the jobs, set it, apply again).
# And under Lake Formation's default settings (IAMAllowedPrincipals), grants and tags restrict
# nothing: var.lake_formation_mode = "enforced" registers the warehouse, keeps IAMAllowedPrincipals
# off new tables, and grants the job role what it needs.
locals {
  lake_formation_enforced = var.lake_formation_mode == "enforced"
}

resource "aws_lakeformation_lf_tag" "pii" {
  key    = "PII"
  values = ["true", "false"]
}

resource "aws_lakeformation_resource_lf_tags" "pii_columns" {
  for_each = var.silver_tables_exist ? local.pii_columns : {}

  table_with_columns {
    database_name = aws_glue_catalog_database.silver.name
    name          = each.key
    column_names  = each.value
  }

  lf_tag {
    key   = aws_lakeformation_lf_tag.pii.key
    value = "true"
  }
}

resource "aws_lakeformation_permissions" "pii_readers" {
  for_each = toset(var.pii_readers_principal_arns)

  principal   = each.value
  permissions = ["SELECT"]

  lf_tag_policy {
    resource_type = "TABLE"

    expression {
      key    = aws_lakeformation_lf_tag.pii.key
      values = ["true"]
    }
  }
}

# Enforced: Lake Formation vends the credentials for the warehouse location.
resource "aws_lakeformation_resource" "warehouse" {
  count = local.lake_formation_enforced ? 1 : 0

  arn                     = "arn:${data.aws_partition.current.partition}:s3:::${var.warehouse_bucket}/${var.warehouse_prefix}"
  use_service_linked_role = true
}

resource "aws_lakeformation_permissions" "job_role_warehouse" {
  count = local.lake_formation_enforced ? 1 : 0

  principal   = aws_iam_role.glue_jobs.arn
  permissions = ["DATA_LOCATION_ACCESS"]

  data_location {
    arn = aws_lakeformation_resource.warehouse[0].arn
  }
}

# The jobs create their tables (CREATE_TABLE) and evolve them (ALTER).
resource "aws_lakeformation_permissions" "job_role_database" {
  count = local.lake_formation_enforced ? 1 : 0

  principal   = aws_iam_role.glue_jobs.arn
  permissions = ["CREATE_TABLE", "ALTER", "DESCRIBE"]

  database {
    name = aws_glue_catalog_database.silver.name
  }
}

# Every Silver table and quarantine: read, overwrite, stage branches, maintain.
resource "aws_lakeformation_permissions" "job_role_tables" {
  count = local.lake_formation_enforced ? 1 : 0

  principal   = aws_iam_role.glue_jobs.arn
  permissions = ["SELECT", "INSERT", "DELETE", "ALTER", "DESCRIBE"]

  table {
    database_name = aws_glue_catalog_database.silver.name
    wildcard      = true
  }
}
