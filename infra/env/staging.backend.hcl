bucket = "acme-terraform-state-staging"
key    = "dms-silver/staging.tfstate"
region = "eu-west-1"
