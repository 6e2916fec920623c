terraform {
  required_version = ">= 1.10.0" # use_lockfile: S3-native state locking

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.80.0"
    }
  }

  # Configure per environment: terraform init -backend-config=env/<environment>.backend.hcl
  backend "s3" {}
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      project     = "dms-silver"
      environment = var.environment
    }
  }
}
