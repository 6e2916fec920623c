bucket = "acme-terraform-state-dev"
key    = "dms-silver/dev.tfstate"
region = "eu-west-1"
encrypt      = true
# S3-native state locking (Terraform 1.10+): a lock file beside the state, no DynamoDB table.
use_lockfile = true
