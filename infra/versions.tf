terraform {
  required_version = ">= 1.10.0" # use_lockfile: S3-native state locking

  # The provider is pinned to one version. Its checksums belong in a committed
  # .terraform.lock.hcl, which only `terraform init` against the Terraform registry can write;
  # the machine this was built on reaches no such registry, so the first init with access
  # writes it and it must be committed then (docs/deployment.md).
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
