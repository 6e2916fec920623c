resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# Silver is stale: the newest source change behind it is too old, or the job stopped reporting.
resource "aws_cloudwatch_metric_alarm" "data_age" {
  for_each = local.daily_jobs

  alarm_name          = "${local.name}-${each.key}-stale"
  namespace           = var.metrics_namespace
  metric_name         = "SilverDataAgeHours"
  dimensions          = { Table = each.key, Environment = var.environment }
  statistic           = "Minimum"
  period              = 86400
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.max_data_age_hours
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# Silver is empty.
resource "aws_cloudwatch_metric_alarm" "empty" {
  for_each = local.daily_jobs

  alarm_name          = "${local.name}-${each.key}-empty"
  namespace           = var.metrics_namespace
  metric_name         = "SilverRowCount"
  dimensions          = { Table = each.key, Environment = var.environment }
  statistic           = "Minimum"
  period              = 86400
  evaluation_periods  = 1
  comparison_operator = "LessThanOrEqualToThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# Quarantine is suddenly full: above the band of its own history.
resource "aws_cloudwatch_metric_alarm" "quarantine_spike" {
  for_each = local.daily_jobs

  alarm_name          = "${local.name}-${each.key}-quarantine-spike"
  comparison_operator = "GreaterThanUpperThreshold"
  evaluation_periods  = 1
  threshold_metric_id = "band"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "band"
    expression  = "ANOMALY_DETECTION_BAND(quarantined, 3)"
    label       = "QuarantineRowCount (expected)"
    return_data = true
  }

  metric_query {
    id          = "quarantined"
    return_data = true
    metric {
      namespace   = var.metrics_namespace
      metric_name = "QuarantineRowCount"
      dimensions  = { Table = each.key, Environment = var.environment }
      stat        = "Maximum"
      period      = 86400
    }
  }
}

# An incremental job read its whole Bronze history on every run, two days running: a fallback that
# keeps recurring (Silver written by plain runs, a table DMS reloads each night) costs a full
# rebuild each time. A single fallback, after one reload, is expected and does not alarm. The run
# summary's full_rebuild_reason says why.
resource "aws_cloudwatch_metric_alarm" "full_rebuilds" {
  for_each = local.incremental_jobs

  alarm_name          = "${local.name}-${each.key}-full-rebuilds"
  namespace           = var.metrics_namespace
  metric_name         = "FullRebuild"
  dimensions          = { Table = each.key, Environment = var.environment }
  statistic           = "Minimum"
  period              = 86400
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# A job run failed or timed out: Glue's own job state events.
resource "aws_cloudwatch_event_rule" "job_failed" {
  name = "${local.name}-job-failed"
  event_pattern = jsonencode({
    source      = ["aws.glue"]
    detail-type = ["Glue Job State Change"]
    detail = {
      jobName = [for job in aws_glue_job.silver : job.name]
      state   = ["FAILED", "TIMEOUT", "ERROR"]
    }
  })
}

resource "aws_cloudwatch_event_target" "job_failed" {
  rule = aws_cloudwatch_event_rule.job_failed.name
  arn  = aws_sns_topic.alarms.arn
}

data "aws_iam_policy_document" "alarm_topic" {
  statement {
    sid       = "EventBridgePublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.job_failed.arn]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarm_topic.json
}

# One row per metric, one line per table.
resource "aws_cloudwatch_dashboard" "silver" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = [
      for index, metric in ["SilverRowCount", "QuarantineRowCount", "SilverDataAgeHours", "BronzeEventCount", "JobDurationSeconds", "GatePassed"] : {
        type   = "metric"
        x      = 0
        y      = index * 6
        width  = 24
        height = 6
        properties = {
          title  = metric
          region = var.region
          stat   = "Maximum"
          period = 86400
          view   = "timeSeries"
          metrics = [
            for name, job in local.daily_jobs : [var.metrics_namespace, metric, "Table", name, "Environment", var.environment]
          ]
        }
      }
    ]
  })
}
