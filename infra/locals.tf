locals {
  name = "dms-silver-${var.environment}"

  # The Glue job definitions live next to the contracts, one file per job: jobs/glue/*.yaml.
  # This is the only list of jobs; everything below iterates over it.
  job_definition_folder = "${path.module}/../jobs/glue"
  jobs = {
    for definition in fileset(local.job_definition_folder, "*.yaml") :
    trimsuffix(definition, ".yaml") => yamldecode(file(join("/", [local.job_definition_folder, definition])))
  }
  daily_jobs  = { for name, job in local.jobs : name => job if job.schedule == "daily" }
  weekly_jobs = { for name, job in local.jobs : name => job if job.schedule == "weekly" }

  # Jobs whose definition runs them with --incremental (docs/deployment.md).
  incremental_jobs = {
    for name, job in local.daily_jobs : name => job if tostring(lookup(job.arguments, "--incremental", "false")) == "true"
  }

  bronze_uri    = "s3://${var.bronze_bucket}/${var.bronze_prefix}"
  warehouse_uri = "s3://${var.warehouse_bucket}/${var.warehouse_prefix}"

  # Columns holding personal data, tagged PII=true in Lake Formation.
  pii_columns = {
    dim_customer = ["email", "phone"]
  }
}
