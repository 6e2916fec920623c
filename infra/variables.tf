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
  description = "Local path of the job jar to upload (target/dms-silver-<version>-glue.jar)."
  type        = string
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
