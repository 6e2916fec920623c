# The role every dms-silver Glue job runs as, with least privilege: no "*" actions, and "*" as a
# resource only where AWS offers nothing narrower (cloudwatch:PutMetricData, conditioned on our
# namespace).
data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "glue_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "glue_jobs" {
  name               = "${local.name}-glue-jobs"
  assume_role_policy = data.aws_iam_policy_document.glue_assume.json
}

locals {
  account_arn_suffix = "${var.region}:${data.aws_caller_identity.current.account_id}"
  s3_arn             = "arn:${data.aws_partition.current.partition}:s3:::"
  glue_arn           = "arn:${data.aws_partition.current.partition}:glue:${local.account_arn_suffix}"
  logs_arn           = "arn:${data.aws_partition.current.partition}:logs:${local.account_arn_suffix}"
}

data "aws_iam_policy_document" "glue_jobs" {
  statement {
    sid       = "ListBronze"
    actions   = ["s3:ListBucket"]
    resources = ["${local.s3_arn}${var.bronze_bucket}"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.bronze_prefix, "${var.bronze_prefix}/*"]
    }
  }

  # The bare prefix key too: the preflight's getFileStatus on s3://bucket/prefix sends a HEAD for
  # the key "prefix", which S3 answers 403, not 404, without GetObject on it.
  statement {
    sid     = "ReadBronze"
    actions = ["s3:GetObject"]
    resources = [
      "${local.s3_arn}${var.bronze_bucket}/${var.bronze_prefix}",
      "${local.s3_arn}${var.bronze_bucket}/${var.bronze_prefix}/*",
    ]
  }

  statement {
    sid       = "ListWarehouse"
    actions   = ["s3:ListBucket"]
    resources = ["${local.s3_arn}${var.warehouse_bucket}"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.warehouse_prefix, "${var.warehouse_prefix}/*"]
    }
  }

  statement {
    sid       = "ReadWriteWarehouse"
    # S3FileIO uploads large files in parts (PutObject covers create, part and complete) and aborts
    # the upload when a write fails.
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${local.s3_arn}${var.warehouse_bucket}/${var.warehouse_prefix}/*"]
  }

  statement {
    sid       = "ReadArtifacts"
    actions   = ["s3:GetObject"]
    resources = ["${local.s3_arn}${var.artifacts_bucket}/dms-silver/${var.environment}/*"]
  }

  statement {
    sid = "SilverCatalog"
    # Exactly what GlueCatalogIT records a run, a held run and maintenance sending (moto_server):
    # GetDatabases is the preflight's SHOW NAMESPACES (Iceberg's GlueCatalog.listNamespaces). No
    # GetTables: the jobs never list tables.
    actions = [
      "glue:GetDatabase",
      "glue:GetDatabases",
      "glue:CreateDatabase",
      "glue:GetTable",
      "glue:CreateTable",
      "glue:UpdateTable",
    ]
    resources = [
      "${local.glue_arn}:catalog",
      "${local.glue_arn}:database/${aws_glue_catalog_database.silver.name}",
      "${local.glue_arn}:table/${aws_glue_catalog_database.silver.name}/*",
    ]
  }

  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace, "Glue"]
    }
  }

  # Buckets encrypted with customer-managed keys (SSE-KMS): read Bronze, write the warehouse.
  dynamic "statement" {
    for_each = length(var.kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "BucketKeys"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = var.kms_key_arns
    }
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.logs_arn}:log-group:/aws-glue/*"]
  }
}

# Enforced Lake Formation vends the warehouse's credentials to the role: GetDataAccess has no
# resource-level permissions, so "*" is the only resource it takes; what it yields is limited by
# the Lake Formation grants in lakeformation.tf.
data "aws_iam_policy_document" "glue_jobs_lake_formation" {
  statement {
    sid       = "LakeFormationCredentials"
    actions   = ["lakeformation:GetDataAccess"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "glue_jobs_lake_formation" {
  count  = local.lake_formation_enforced ? 1 : 0
  name   = "${local.name}-glue-jobs-lake-formation"
  role   = aws_iam_role.glue_jobs.id
  policy = data.aws_iam_policy_document.glue_jobs_lake_formation.json
}

resource "aws_iam_role_policy" "glue_jobs" {
  name   = "${local.name}-glue-jobs"
  role   = aws_iam_role.glue_jobs.id
  policy = data.aws_iam_policy_document.glue_jobs.json
}
