import {
  FORJA_ANNOTATION_CLOUD,
  FORJA_ANNOTATION_REGION,
} from '@forja/plugin-cost-common';
import { estimatePath, PricingCatalog } from '@forja/plugin-cost-node';
import {
  Semaphore,
  SourceLocation,
  TerraformModuleRepositories,
} from '@forja/plugin-forja-node';
import path from 'node:path';
import { environmentFolder, folderIdentity } from './environmentFolders';
import { KubernetesTarget, Kind, Part } from './part';

export type PartEstimator = (options: {
  kind: Kind;
  source: SourceLocation;
  /** The source's snapshot on disk, and its revision. */
  dir: string;
  revision?: string;
  environment: string;
  kubernetes?: KubernetesTarget;
}) => Promise<Part>;

/**
 * Prices one environment of one source read to disk, at most `maxConcurrent` at a time:
 * its environment folder (see environmentFolder), with Kustomize manifests priced on the
 * given Kubernetes target.
 */
export function createPartEstimator(options: {
  /** Local copies of the repositories Git module sources name. */
  modules: TerraformModuleRepositories;
  pricingCatalog: PricingCatalog;
  maxConcurrent: number;
  /** @default estimatePath */
  estimate?: typeof estimatePath;
}): PartEstimator {
  const { modules, pricingCatalog, estimate: price = estimatePath } = options;
  const estimates = new Semaphore(options.maxConcurrent);
  return async ({ kind, source, dir, revision, environment, kubernetes }) => {
    const folder = await environmentFolder(kind, dir, environment);
    const identity = folderIdentity(source, folder ?? environment);
    if (folder === undefined) {
      return {
        identity,
        status: 'failed',
        message:
          kind === 'terraform'
            ? `no Terraform for ${environment}: neither environments/${environment}/ nor the folder itself has .tf files`
            : `no Kustomize overlay for ${environment}: neither overlays/${environment}/ nor the folder itself has a kustomization.yaml`,
      };
    }
    if (kind === 'kustomize' && !kubernetes) {
      return {
        identity,
        status: 'failed',
        message: `pricing manifests needs ${FORJA_ANNOTATION_CLOUD} and ${FORJA_ANNOTATION_REGION} on the entity or its system`,
      };
    }
    const moduleRepositories = await modules.resolve();
    const estimate = await estimates.run(() =>
      price(path.join(dir, folder), {
        // A Kustomize build reads nothing outside the folder read, nothing remote.
        readRoot: dir,
        catalog: pricingCatalog,
        moduleRepositories,
        kubernetes,
        project: environment,
      }),
    );
    return {
      identity,
      status: 'ok',
      estimate,
      revision,
      computedAt: new Date().toISOString(),
    };
  };
}
