resource "aws_glue_catalog_database" "silver" {
  name        = var.silver_database
  description = "Current-state Silver tables rebuilt from AWS DMS CDC by dms-silver (${var.environment})."

  # Enforced Lake Formation: an empty default permission, so the tables the jobs create get no
  # IAMAllowedPrincipals grant and only Lake Formation grants apply (lakeformation.tf).
  dynamic "create_table_default_permission" {
    for_each = local.lake_formation_enforced ? [1] : []
    content {}
  }
}

# Optional: S3FileIO uploads large files in parts; a run killed mid-upload leaves parts behind.
# Off by default because this resource replaces every lifecycle rule the bucket already has: if
# the bucket has rules, add this one to them where they are managed instead.
resource "aws_s3_bucket_lifecycle_configuration" "warehouse" {
  count  = var.manage_warehouse_lifecycle ? 1 : 0
  bucket = var.warehouse_bucket

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {
      prefix = "${var.warehouse_prefix}/"
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

# Each release has keys of its own: a new release never overwrites the jar a running job loaded,
# the jobs name exactly the release they run, and rolling back is applying an earlier release.
resource "aws_s3_object" "job_jar" {
  bucket = var.artifacts_bucket
  key    = "dms-silver/${var.environment}/${var.release}/dms-silver-glue.jar"
  source = var.job_jar
  # Not etag: a jar this size is uploaded in parts, and a multipart ETag is no MD5, so the plan
  # would always differ. source_hash is kept in state only.
  source_hash = filemd5(var.job_jar)

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_s3_object" "glue_script" {
  bucket      = var.artifacts_bucket
  key         = "dms-silver/${var.environment}/${var.release}/SilverGlueJob.scala"
  source      = "${path.module}/../src/main/glue/SilverGlueJob.scala"
  source_hash = filemd5("${path.module}/../src/main/glue/SilverGlueJob.scala")

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_glue_job" "silver" {
  for_each = local.jobs

  name              = "${local.name}-${each.key}"
  role_arn          = aws_iam_role.glue_jobs.arn
  glue_version      = each.value.glue_version
  worker_type       = each.value.worker_type
  number_of_workers = each.value.number_of_workers
  timeout           = each.value.timeout_minutes
  max_retries       = each.value.max_retries

  command {
    name            = "glueetl"
    script_location = "s3://${aws_s3_object.glue_script.bucket}/${aws_s3_object.glue_script.key}"
  }

  execution_property {
    max_concurrent_runs = 1
  }

  # No --enable-glue-datacatalog: it would make spark_catalog a Glue-backed Hive metastore that
  # this role is not granted; the jobs register their own Iceberg catalog on Glue.
  default_arguments = merge(
    {
      "--job-language"                     = "scala"
      "--class"                            = each.value.main_class
      "--extra-jars"                       = "s3://${aws_s3_object.job_jar.bucket}/${aws_s3_object.job_jar.key}"
      "--user-jars-first"                  = "true"
      "--enable-continuous-cloudwatch-log" = "true"
      "--enable-metrics"                   = "true"
      "--warehouse"                        = local.warehouse_uri
      "--catalog"                          = "glue"
      "--database"                         = aws_glue_catalog_database.silver.name
      "--region"                           = var.region
      "--environment"                      = var.environment
      "--metrics-namespace"                = var.metrics_namespace
    },
    # Only the Silver jobs read Bronze; maintenance would refuse the option.
    { for name, value in { "--bronze" = local.bronze_uri } : name => value if each.value.arguments["--command"] == "run" },
    each.value.arguments,
  )
}
