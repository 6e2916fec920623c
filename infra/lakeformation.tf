# Personal data is tagged PII=true in Lake Formation, column by column; access to it is granted
# by tag, not by table.
resource "aws_lakeformation_lf_tag" "pii" {
  key    = "PII"
  values = ["true", "false"]
}

resource "aws_lakeformation_resource_lf_tags" "pii_columns" {
  for_each = local.pii_columns

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
