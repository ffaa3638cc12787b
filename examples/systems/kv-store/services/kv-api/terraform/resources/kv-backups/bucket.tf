variable "bucket" {
  type = object({
    noncurrent_version_days = number
  })
  description = "Object storage: an S3 bucket, an Azure blob container, or a GCS bucket."
}

module "bucket" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/object-storage/aws?ref=v0.1.0"

  name                    = local.name
  context                 = local.context
  noncurrent_version_days = var.bucket.noncurrent_version_days
}

output "endpoint" {
  description = "Bucket name."
  value       = module.bucket.bucket
}

# What the service receives in its <name>-connection Secret: where the bucket is. Access
# is its workload identity's, granted in wiring.tf; no key is issued.
locals {
  binding = {
    env = {
      BUCKET_NAME     = module.bucket.bucket
      BUCKET_ENDPOINT = module.bucket.endpoint
      BUCKET_REGION   = var.region
    }
    resources = []
    buckets   = [module.bucket.id]
  }
}
