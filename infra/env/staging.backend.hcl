bucket = "acme-terraform-state-staging"
key    = "dms-silver/staging.tfstate"
region = "eu-west-1"
encrypt      = true
# S3-native state locking (Terraform 1.10+): a lock file beside the state, no DynamoDB table.
use_lockfile = true
