output "ingress_class" {
  description = "Ingress class the installed controller serves."
  value       = "webapprouting.kubernetes.azure.com"
}

output "storage_class" {
  description = "Default storage class for volumes (empty on a cluster that mounts none)."
  value       = "managed-csi"
}

output "secret_name_prefix" {
  description = "Prefix of the cloud secrets this environment's services read; External Secrets Operator may read only these."
  value       = "${var.name}-"
}

output "secret_store_id" {
  description = "Id of the secret store services' secrets are written to where the cloud has several (the Azure Key Vault); empty where there is one per account or project."
  value       = azurerm_key_vault.this.id
}
