# The six Silver jobs start together every day; maintenance runs weekly, away from them.
resource "aws_glue_trigger" "daily" {
  name     = "${local.name}-daily"
  type     = "SCHEDULED"
  schedule = var.daily_schedule

  dynamic "actions" {
    for_each = local.daily_jobs
    content {
      job_name = aws_glue_job.silver[actions.key].name
    }
  }
}

resource "aws_glue_trigger" "weekly" {
  name     = "${local.name}-weekly"
  type     = "SCHEDULED"
  schedule = var.maintenance_schedule

  dynamic "actions" {
    for_each = local.weekly_jobs
    content {
      job_name = aws_glue_job.silver[actions.key].name
    }
  }
}
