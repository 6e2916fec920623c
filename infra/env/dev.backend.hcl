bucket = "acme-terraform-state-dev"
key    = "dms-silver/dev.tfstate"
region = "eu-west-1"
