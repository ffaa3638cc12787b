/**
 * Forja's cost engine: monthly estimates from Terraform (HCL or plan JSON) and Kubernetes
 * manifests, offline, priced from a versioned catalog, with the same architecture compared
 * on AWS, Azure and GCP. No Backstage dependency: the CLI, the backend and the scaffolder
 * action share it.
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
export { loadTerraform, MAX_INSTANCES } from './hcl/loadTerraform';
export type {
  LoadOptions,
  ResourceInstance,
  TerraformLoadResult,
  TerraformProblem,
} from './hcl/loadTerraform';
export { GIT_MODULE_SOURCE, MODULE_META_ARGUMENTS } from './hcl/syntax';
export { combineEstimates, estimate } from './price/estimate';
export type {
  CostComponent,
  CostResource,
  Coverage,
  Estimate,
  Project,
} from './price/estimate';
export { compareClouds, nodePoolsOf } from './price/compare';
export type {
  CloudColumn,
  Comparison,
  ComparisonItem,
  NodePool,
  Role,
  RoleKind,
} from './price/compare';
export type { CostCategory } from './price/categories';
export { HOURS_PER_MONTH } from './price/types';
export {
  ageInDays,
  DEFAULT_MAX_PRICE_AGE_DAYS,
  describeSource,
  priceFreshness,
} from './price/freshness';
export type { PriceFreshness } from './price/freshness';
export { mergeSources } from './price/pricesUsed';
export { FORJA_REGIONS } from './price/regions';
export type { PriceSourceUse } from './price/pricesUsed';
export type { Cloud, Price, PricingCatalog, UsageFile } from './price/types';
export { BUNDLED_CATALOG_PATH, loadCatalog } from './price/catalog';
export { USAGE_DEFAULTS } from './price/usageDefaults';
export { estimatePath } from './estimatePath';
export {
  isSelected,
  moduleSelectionKey,
  moduleSelectionOf,
} from './hcl/moduleSelection';
export type { ModuleSelection } from './hcl/moduleSelection';
export { FORJA_REPOSITORY } from './paths';
export type { EstimatePathOptions } from './estimatePath';
export { formatTable } from './format/table';
export { formatMarkdown } from './format/markdown';
export {
  nodeShare,
  parseCpu,
  parseMemoryGiB,
  podSpecOf,
  readWorkloads,
} from './kubernetes/workloads';
export type { K8sObject, WorkloadRequests } from './kubernetes/workloads';
export {
  DEFAULT_NODE_MACHINE,
  priceWorkloads,
} from './kubernetes/priceWorkloads';
export {
  checkKustomizeTree,
  KUSTOMIZE_MAX_OUTPUT_BYTES,
  KUSTOMIZE_TIMEOUT_MS,
  kustomizeBuild,
  KustomizeBuildError,
  MAX_KUSTOMIZATION_BYTES,
  MAX_KUSTOMIZATIONS,
} from './kubernetes/kustomizeBuild';
export type { KustomizeBuildOptions } from './kubernetes/kustomizeBuild';
export { readPlan } from './plan/readPlan';
export type { PlanModule, TerraformPlan } from './plan/readPlan';
export type { MachineSpec } from './price/specs';
export { pricesFromAwsOffer } from './price/refresh/awsOffer';
export type { AwsOfferFile } from './price/refresh/awsOffer';
export { pricesFromAzureRetail } from './price/refresh/azureRetail';
export type { AzureRetailItem } from './price/refresh/azureRetail';
export { forjaCostCli } from './commands/forjaCost';
export { diffEstimates } from './diff/diffEstimates';
export type {
  CostDiff,
  ResourceCostChange,
  SideCoverage,
} from './diff/diffEstimates';
export { priceCheckout } from './diff/priceCheckout';
export type { PriceCheckoutOptions, PricedProject } from './diff/priceCheckout';
export { gitModuleSources } from './diff/moduleSources';
export type { GitModuleSource } from './diff/moduleSources';
export { COST_COMMENT_MARKER, formatDiffMarkdown } from './format/diffMarkdown';
export {
  commentBody,
  MAX_COMMENT_CHARS,
  upsertCostComment,
} from './comment/upsertCostComment';
export type { UpsertCostCommentOptions } from './comment/upsertCostComment';
export { MAX_TERRAFORM_FILE_BYTES } from './hcl/readSourceFile';
