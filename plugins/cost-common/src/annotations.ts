import { Entity } from '@backstage/catalog-model';

/**
 * Where the entity's Terraform lives: `dir:<path>` relative to the entity's catalog file,
 * or `url:<folder URL>`. A folder with `environments/<env>/` is priced per environment.
 */
export const FORJA_ANNOTATION_TERRAFORM_DIR = 'forja.dev/terraform-dir';
/**
 * The root modules of the Terraform folder the entity stands for, when it is one part of
 * an environment (the environment template's postgres, redis and broker Resources): a
 * comma list of module names, such as `postgres`. Only the resources under
 * `module.<name>` are priced; resources declared at the folder's root are not.
 */
export const FORJA_ANNOTATION_TERRAFORM_MODULES = 'forja.dev/terraform-modules';
/**
 * The root modules of the Terraform folder the entity does not stand for, such as
 * `postgres,redis,broker` (the environment template's cluster Resource): everything else in
 * the folder is priced, its root resources included. So the Resources of one environment
 * split its folder, each resource priced once. Not with FORJA_ANNOTATION_TERRAFORM_MODULES.
 */
export const FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE =
  'forja.dev/terraform-modules-exclude';
/** The folder holding the Kustomize `base/` and `overlays/<env>/`. */
export const FORJA_ANNOTATION_KUSTOMIZE_DIR = 'forja.dev/kustomize-dir';
/** The environments, in promotion order: `dev,staging,prod`. */
export const FORJA_ANNOTATION_ENVIRONMENTS = 'forja.dev/environments';
/** `aws`, `azure` or `gcp`: the cloud the workloads run in. */
export const FORJA_ANNOTATION_CLOUD = 'forja.dev/cloud';
/** The region prices are taken from, such as `us-east-1`. */
export const FORJA_ANNOTATION_REGION = 'forja.dev/region';
/**
 * The node machine the entity's pods run on (`m6i.large`, `Standard_D4s_v5`), to price
 * them as their share of it; when absent, the largest node pool its system's Terraform
 * declares for the environment, else a 4 vCPU, 16 GiB general-purpose machine.
 */
export const FORJA_ANNOTATION_COST_NODE_MACHINE = 'forja.dev/cost-node-machine';

const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

/** Entities with Terraform or manifests to price. */
export const isCostAvailable = (entity: Entity) =>
  Boolean(
    annotation(entity, FORJA_ANNOTATION_TERRAFORM_DIR) ??
      annotation(entity, FORJA_ANNOTATION_KUSTOMIZE_DIR),
  );

/** Systems and groups: the sum of what their members declare. */
export const isCostRollupAvailable = (entity: Entity) =>
  ['system', 'group'].includes(entity.kind.toLocaleLowerCase('en-US'));

/** The entity's environments, in the order it declares them. */
export const entityEnvironments = (entity: Entity): string[] =>
  (annotation(entity, FORJA_ANNOTATION_ENVIRONMENTS) ?? '')
    .split(',')
    .map(e => e.trim())
    .filter(Boolean);
