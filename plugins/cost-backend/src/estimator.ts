import {
  FORJA_ANNOTATION_CLOUD,
  FORJA_ANNOTATION_REGION,
} from '@forja/plugin-cost-common';
import {
  estimatePath,
  ModuleSelection,
  PricingCatalog,
} from '@forja/plugin-cost-node';
import {
  Semaphore,
  SourceLocation,
  TerraformModuleRepositories,
} from '@forja/plugin-forja-node';
import path from 'node:path';
import { environmentFolder, partIdentity } from './environmentFolders';
import { KubernetesTarget, Kind, Part } from './part';

export type PartEstimator = (options: {
  kind: Kind;
  source: SourceLocation;
  /** The source's snapshot on disk, and its revision. */
  dir: string;
  revision?: string;
  environment: string;
  kubernetes?: KubernetesTarget;
  /** Terraform: the root modules priced (see ModuleSelection); default: the folder. */
  modules?: ModuleSelection;
}) => Promise<Part>;

/**
 * Prices one environment of one source read to disk, at most `maxConcurrent` at a time:
 * its environment folder (see environmentFolder), with Kustomize manifests priced on the
 * given Kubernetes target, and Terraform over the selected root modules only.
 */
export function createPartEstimator(options: {
  /** Local copies of the repositories Git module sources name. */
  modules: TerraformModuleRepositories;
  pricingCatalog: PricingCatalog;
  maxConcurrent: number;
  /** @default estimatePath */
  estimate?: typeof estimatePath;
}): PartEstimator {
  const { pricingCatalog, estimate: price = estimatePath } = options;
  const estimates = new Semaphore(options.maxConcurrent);
  return async ({
    kind,
    source,
    dir,
    revision,
    environment,
    kubernetes,
    modules,
  }) => {
    const folder = await environmentFolder(kind, dir, environment);
    const selection = kind === 'terraform' ? modules : undefined;
    const identity = partIdentity(source, folder ?? environment, selection);
    if (folder === undefined) {
      return {
        ...identity,
        status: 'failed',
        message:
          kind === 'terraform'
            ? `no Terraform for ${environment}: neither environments/${environment}/ nor the folder itself has .tf files`
            : `no Kustomize overlay for ${environment}: neither overlays/${environment}/ nor the folder itself has a kustomization.yaml`,
      };
    }
    if (kind === 'kustomize' && !kubernetes) {
      return {
        ...identity,
        status: 'failed',
        message: `pricing manifests needs ${FORJA_ANNOTATION_CLOUD} and ${FORJA_ANNOTATION_REGION} on the entity or its system`,
      };
    }
    const moduleRepositories = await options.modules.resolve();
    const estimate = await estimates.run(() =>
      price(path.join(dir, folder), {
        // A Kustomize build reads nothing outside the folder read, nothing remote.
        readRoot: dir,
        catalog: pricingCatalog,
        moduleRepositories,
        kubernetes,
        project: environment,
        modules: selection,
      }),
    );
    return {
      ...identity,
      status: 'ok',
      estimate,
      revision,
      computedAt: new Date().toISOString(),
    };
  };
}
