bucket = "acme-terraform-state-prod"
key    = "dms-silver/prod.tfstate"
region = "eu-west-1"
