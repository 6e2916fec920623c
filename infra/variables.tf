variable "environment" {
  description = "dev, staging or prod: names every resource and is the Environment metric dimension."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "region" {
  description = "AWS region of the buckets, the Glue jobs and the catalog."
  type        = string
}

variable "bronze_bucket" {
  description = "Bucket the DMS S3 endpoint writes to."
  type        = string
}

variable "bronze_prefix" {
  description = "The DMS endpoint's BucketFolder: tables are at <prefix>/<schema>/<table>/."
  type        = string
}

variable "warehouse_bucket" {
  description = "Bucket of the Iceberg warehouse."
  type        = string
}

variable "warehouse_prefix" {
  description = "Prefix of the Iceberg warehouse in its bucket."
  type        = string
  default     = "warehouse"
}

variable "artifacts_bucket" {
  description = "Bucket for the job jar and the Glue script."
  type        = string
}

variable "job_jar" {
  description = "Local path of the job jar to upload (target/dms-silver-<version>-glue.jar). deploy.yml sets it (TF_VAR_job_jar) to the one jar CI built."
  type        = string
}

variable "release" {
  description = "The release deployed: the git commit the jar was built from. Names the jar's and script's S3 keys; deploy.yml sets it (TF_VAR_release)."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-Za-z._-]+$", var.release))
    error_message = "release must be a commit id or version: letters, digits, '.', '_' and '-'."
  }
}

variable "silver_database" {
  description = "Glue database of the Silver tables."
  type        = string
  default     = "silver"
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the jobs' metrics."
  type        = string
  default     = "SilverLakehouse"
}

variable "daily_schedule" {
  description = "When the six Silver jobs run, in parallel (Glue cron, UTC)."
  type        = string
  default     = "cron(30 2 * * ? *)"
}

variable "maintenance_schedule" {
  description = "When maintenance runs (Glue cron, UTC)."
  type        = string
  default     = "cron(0 5 ? * SUN *)"
}

variable "max_data_age_hours" {
  description = "Alarm when the newest Bronze event behind a Silver table is older than this."
  type        = number
  default     = 30
}

variable "alarm_email" {
  description = "Subscribed to the alarm topic; empty for none."
  type        = string
  default     = ""
}

variable "pii_readers_principal_arns" {
  description = "Principals granted SELECT on columns tagged PII=true (Lake Formation)."
  type        = list(string)
  default     = []
}

variable "silver_tables_exist" {
  description = "false on the first apply: the jobs create the Silver tables on their first run, and Lake Formation cannot tag columns of a table that does not exist yet. Set true and apply again once the first run has published."
  type        = bool
  default     = false
}

variable "lake_formation_mode" {
  description = "iam (default): IAM alone governs access (IAMAllowedPrincipals keeps its grants), so the PII tags document but restrict nothing. enforced: the warehouse is registered with Lake Formation, new Silver tables get no IAMAllowedPrincipals grant, and the job role gets exactly the Lake Formation permissions it needs."
  type        = string
  default     = "iam"

  validation {
    condition     = contains(["iam", "enforced"], var.lake_formation_mode)
    error_message = "lake_formation_mode must be iam or enforced."
  }
}

variable "kms_key_arns" {
  description = "KMS keys (SSE-KMS) of the Bronze and warehouse buckets, if they use customer-managed keys: the job role may decrypt and generate data keys with them."
  type        = list(string)
  default     = []
}

variable "manage_warehouse_lifecycle" {
  description = "Manage the warehouse bucket's lifecycle configuration (abort multipart uploads left incomplete after 7 days). Off by default: the resource replaces every lifecycle rule the bucket already has."
  type        = bool
  default     = false
}
