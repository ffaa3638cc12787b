import {
  AuthService,
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityEnvironments,
  EntityCostResponse,
  isCostRollupAvailable,
} from '@forja/plugin-cost-common';
import {
  ModuleSelection,
  moduleSelectionKey,
  PricingCatalog,
} from '@forja/plugin-cost-node';
import {
  createGuardedStore,
  environmentNameProblem,
  SourceLocation,
  sourceKey,
  TerraformModuleRepositories,
} from '@forja/plugin-forja-node';
import { CostConfig } from './config';
import { discoverEnvironments, partIdentity } from './environmentFolders';
import { createEstimateCache } from './estimateCache';
import { createPartEstimator } from './estimator';
import { kubernetesTarget } from './kubernetesTarget';
import { Kind, KubernetesTarget, Part } from './part';
import { createCostRelations } from './relations';
import { costResponse, environmentCost, rollupResponse } from './rollup';
import { createSourceReader, SourceRevision } from './sourceReader';
import { entitySources } from './sources';

export interface EntityCostService {
  entityCost(entity: Entity): Promise<EntityCostResponse>;
}

/**
 * Estimates per entity and environment from the folders its `forja.dev/` annotations name,
 * read through the UrlReader (or the disk, for entities registered from files). Results are
 * kept per source revision: a folder is read again after `revalidateMs`, and an unchanged
 * revision reuses every estimate made from it. A failed estimate is never kept.
 */
export function createEntityCostService(options: {
  config: CostConfig;
  /** Local copies of the repositories Git module sources name. */
  modules: TerraformModuleRepositories;
  catalog: CatalogService;
  auth: AuthService;
  reader: UrlReaderService;
  logger: LoggerService;
  pricingCatalog: PricingCatalog;
  /** Shared by the backend's replicas (Redis in production): estimates by source revision. */
  cache: CacheService;
}): EntityCostService {
  const { config, logger } = options;
  const sources = createSourceReader<Promise<Part>>({
    reader: options.reader,
    revalidateMs: config.revalidateMs,
  });
  const cache = createEstimateCache({
    sources,
    // A store that fails or hangs (Redis down) costs an estimate, never the request.
    store: createGuardedStore({ cache: options.cache, logger }),
    maxEstimates: config.maxCachedEstimates,
  });
  const estimator = createPartEstimator({
    modules: options.modules,
    pricingCatalog: options.pricingCatalog,
    maxConcurrent: config.maxConcurrentEstimates,
  });
  const relations = createCostRelations(options);
  const prices = { maxPriceAgeDays: config.maxPriceAgeDays };

  /**
   * One source's estimate for one environment (Terraform: over the selected modules),
   * through the cache of its revision.
   */
  async function part(
    kind: Kind,
    source: SourceLocation,
    environment: string,
    kubernetes: KubernetesTarget | undefined,
    modules?: ModuleSelection,
  ): Promise<Part> {
    const failed = (message: string): Part => ({
      ...partIdentity(source, environment, modules),
      status: 'failed',
      message,
    });
    let entry: SourceRevision<Promise<Part>>;
    try {
      entry = await sources.current(source);
    } catch (error) {
      logger.warn(`cost: cannot read ${sourceKey(source)}: ${error}`);
      return failed(
        `cannot read ${sourceKey(source)}: ${(error as Error).message}`,
      );
    }
    // A selection is its own estimate; the whole folder keeps the key it always had.
    const key = `${kind}|${environment}|${JSON.stringify(kubernetes ?? null)}${
      modules ? `|${moduleSelectionKey(modules)}` : ''
    }`;
    return cache.estimate(
      source,
      entry,
      key,
      () =>
        estimator({
          kind,
          source,
          dir: entry.snapshot!.dir,
          revision: entry.revision,
          environment,
          kubernetes,
          modules,
        }),
      failed,
    );
  }

  /** Every source part of the entity, per environment. */
  async function entityParts(entity: Entity): Promise<Map<string, Part[]>> {
    const { sources: located, refused, modules } = entitySources(entity);
    const declared = entityEnvironments(entity);
    const envs = declared.length
      ? declared
      : await discoverEnvironments(
          located,
          async source => (await sources.current(source)).snapshot?.dir,
        );
    const byEnvironment = new Map<string, Part[]>(
      envs.map(e => [e, [...refused]]),
    );
    // One catalog read of the system, whatever the number of environments.
    let system: Promise<Entity | undefined> | undefined;
    const target = {
      system: () => (system ??= relations.systemOf(entity)),
      terraformEstimate: async (source: SourceLocation, environment: string) =>
        (await part('terraform', source, environment, undefined)).estimate,
    };
    const work: Array<Promise<void>> = [];
    for (const environment of envs) {
      // Declared names become folders (overlays/<env>): a path is refused before anything
      // is read. Discovered ones are folder names already.
      const problem = declared.length
        ? environmentNameProblem(environment)
        : undefined;
      if (problem) {
        byEnvironment.set(environment, [
          {
            identity: `environment:${environment}`,
            status: 'failed',
            message: problem,
          },
        ]);
        continue;
      }
      for (const [kind, source] of located) {
        work.push(
          (async () => {
            const kubernetes =
              kind === 'kustomize'
                ? await kubernetesTarget(entity, environment, target)
                : undefined;
            byEnvironment
              .get(environment)!
              .push(
                await part(
                  kind,
                  source,
                  environment,
                  kubernetes,
                  kind === 'terraform' ? modules : undefined,
                ),
              );
          })(),
        );
      }
    }
    await Promise.all(work);
    return byEnvironment;
  }

  return {
    async entityCost(entity) {
      const entityRef = stringifyEntityRef(entity);
      if (isCostRollupAvailable(entity)) {
        const members = await relations.membersOf(entity);
        const parts = await Promise.all(members.map(entityParts));
        return rollupResponse(
          entityRef,
          members.map((member, index) => ({
            entityRef: stringifyEntityRef(member),
            title: member.metadata.title,
            parts: parts[index],
          })),
          prices,
        );
      }
      const parts = await entityParts(entity);
      return costResponse(
        entityRef,
        [...parts.entries()].map(([environment, p]) =>
          environmentCost(environment, p),
        ),
        prices,
      );
    },
  };
}
