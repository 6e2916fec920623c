output "glue_jobs" {
  description = "The Glue job of each job definition in jobs/glue/."
  value       = { for name, job in aws_glue_job.silver : name => job.name }
}

output "job_role_arn" {
  value = aws_iam_role.glue_jobs.arn
}

output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}
