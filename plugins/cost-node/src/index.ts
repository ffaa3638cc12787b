/**
 * Forja's cost engine (in progress): reads what Terraform configurations declare, with
 * values only apply would know kept unknown instead of guessed.
 *
 * @packageDocumentation
 */
export { ExpressionError, UNKNOWN } from './hcl/expression';
export type { Value } from './hcl/expression';
export {
  containsUnknown,
  evaluateExpression,
  evaluateHcl,
} from './hcl/evaluate';
export type { Scope } from './hcl/evaluate';
export { loadTerraform } from './hcl/loadTerraform';
export type {
  LoadOptions,
  ResourceInstance,
  TerraformLoadResult,
  TerraformProblem,
} from './hcl/loadTerraform';
export { estimate } from './price/estimate';
export type {
  CostComponent,
  CostResource,
  Coverage,
  Estimate,
} from './price/estimate';
export { HOURS_PER_MONTH } from './price/types';
export type { Price, PricingCatalog, UsageFile } from './price/types';
export {
  nodeShare,
  parseCpu,
  parseMemoryGiB,
  readWorkloads,
} from './kubernetes/workloads';
export type { WorkloadRequests } from './kubernetes/workloads';
export { GIT_MODULE_SOURCE, MODULE_META_ARGUMENTS } from './hcl/syntax';
export { pricesFromAwsOffer } from './price/refresh/awsOffer';
export type { AwsOfferFile } from './price/refresh/awsOffer';
export { pricesFromAzureRetail } from './price/refresh/azureRetail';
export type { AzureRetailItem } from './price/refresh/azureRetail';
