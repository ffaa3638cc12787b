import {
  AuthService,
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityEnvironments,
  EntityCostResponse,
  EnvironmentCost,
  FORJA_ANNOTATION_CLOUD,
  FORJA_ANNOTATION_COST_NODE_MACHINE,
  FORJA_ANNOTATION_KUSTOMIZE_DIR,
  FORJA_ANNOTATION_REGION,
  FORJA_ANNOTATION_TERRAFORM_DIR,
  isCostAvailable,
  MemberCost,
} from '@forja/plugin-cost-common';
import {
  Cloud,
  combineEstimates,
  Estimate,
  estimatePath,
  mergeSources,
  priceFreshness,
  PricingCatalog,
} from '@forja/plugin-cost-node';
import {
  createGuardedStore,
  environmentNameProblem,
  resolveSource,
  revalidateSource,
  Semaphore,
  SourceCheck,
  SourceLocation,
  sourceKey,
  SourceSnapshot,
  TerraformModuleRepositories,
} from '@forja/plugin-forja-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CostConfig } from './config';

type Kind = 'terraform' | 'kustomize';
type KubernetesTarget = { cloud: Cloud; region: string; machine?: string };

/** One source's estimate for one environment. */
interface Part {
  /** What was priced (a folder), so a rollup counts a shared folder once. */
  identity: string;
  status: 'ok' | 'failed';
  estimate?: Estimate;
  message?: string;
  revision?: string;
  computedAt?: string;
}

interface SourceEntry extends SourceCheck {
  snapshot?: SourceSnapshot;
  parts: Map<string, Promise<Part>>;
}

const CLOUDS = new Set(['aws', 'azure', 'gcp']);

/** How long replicas share an estimate of one source revision. */
const SHARED_TTL_MS = 24 * 60 * 60 * 1000;

const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

async function hasFile(dir: string, pattern: RegExp): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).some(name => pattern.test(name));
  } catch {
    return false;
  }
}

/** The folder of a source that holds an environment, relative to the source. */
async function environmentFolder(
  kind: Kind,
  dir: string,
  environment: string,
): Promise<string | undefined> {
  const [sub, marker] =
    kind === 'terraform'
      ? [path.join('environments', environment), /\.tf$/]
      : [path.join('overlays', environment), /^kustomization\.ya?ml$/];
  if (await hasFile(path.join(dir, sub), marker)) return sub;
  if (await hasFile(dir, marker)) return '';
  return undefined;
}

/** The folder priced, the same whichever annotation reached it. */
function folderIdentity(source: SourceLocation, folder: string): string {
  if (source.type === 'file') return `file:${path.join(source.dir, folder)}`;
  const base = source.url.replace(/\/+$/, '');
  return `url:${folder ? `${base}/${folder.split(path.sep).join('/')}` : base}`;
}

/** The environment folders a source holds (`environments/<env>` or `overlays/<env>`). */
async function environmentFolders(kind: Kind, dir: string): Promise<string[]> {
  const [parent, marker] =
    kind === 'terraform'
      ? ['environments', /\.tf$/]
      : ['overlays', /^kustomization\.ya?ml$/];
  let names: string[];
  try {
    names = await fs.readdir(path.join(dir, parent));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (await hasFile(path.join(dir, parent, name), marker)) found.push(name);
  }
  return found;
}

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
  const {
    config,
    modules,
    catalog,
    auth,
    reader,
    logger,
    pricingCatalog,
    cache,
  } = options;
  const entries = new Map<string, SourceEntry>();
  const estimates = new Semaphore(config.maxConcurrentEstimates);
  // A store that fails or hangs (Redis down) costs an estimate, never the request.
  const store = createGuardedStore({ cache, logger });

  const evictBeyondLimit = () => {
    let parts = [...entries.values()].reduce((n, s) => n + s.parts.size, 0);
    for (const [key, entry] of entries) {
      if (parts <= config.maxCachedEstimates) break;
      parts -= entry.parts.size;
      entries.delete(key);
      entry.snapshot?.release().catch(() => {});
    }
  };

  /** The source's entry with a checked revision (coalesced; at most once per period). */
  async function current(source: SourceLocation): Promise<SourceEntry> {
    const key = sourceKey(source);
    let entry = entries.get(key);
    if (!entry) {
      entry = { checkedAt: 0, parts: new Map() };
      entries.set(key, entry);
    }
    // Most recently used last, for eviction.
    entries.delete(key);
    entries.set(key, entry);
    const target = entry;
    await revalidateSource(target, {
      source,
      reader,
      revalidateMs: config.revalidateMs,
      onChange: async snapshot => {
        await target.snapshot?.release();
        target.snapshot = snapshot;
        target.parts.clear();
      },
    });
    return entry;
  }

  async function computePart(
    kind: Kind,
    source: SourceLocation,
    entry: SourceEntry,
    environment: string,
    kubernetes: KubernetesTarget | undefined,
  ): Promise<Part> {
    const dir = entry.snapshot!.dir;
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
      estimatePath(path.join(dir, folder), {
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
      revision: entry.revision,
      computedAt: new Date().toISOString(),
    };
  }

  async function part(
    kind: Kind,
    source: SourceLocation,
    environment: string,
    kubernetes: KubernetesTarget | undefined,
  ): Promise<Part> {
    let entry: SourceEntry;
    try {
      entry = await current(source);
    } catch (error) {
      logger.warn(`cost: cannot read ${sourceKey(source)}: ${error}`);
      return {
        identity: folderIdentity(source, environment),
        status: 'failed',
        message: `cannot read ${sourceKey(source)}: ${
          (error as Error).message
        }`,
      };
    }
    const key = `${kind}|${environment}|${JSON.stringify(kubernetes ?? null)}`;
    let result = entry.parts.get(key);
    if (!result) {
      // Another replica may have estimated this revision already.
      const sharedKey = `estimate:${sourceKey(source)}|${
        entry.revision
      }|${key}`;
      const computing = (async (): Promise<Part> => {
        const shared = (await store.read(sharedKey)) as Part | undefined;
        if (shared) return shared;
        const computed = await computePart(
          kind,
          source,
          entry,
          environment,
          kubernetes,
        );
        if (computed.status === 'ok') {
          await store.write(sharedKey, computed as any, SHARED_TTL_MS);
        }
        return computed;
      })().catch(
        (error): Part => ({
          identity: folderIdentity(source, environment),
          status: 'failed',
          message: (error as Error).message,
        }),
      );
      result = computing;
      entry.parts.set(key, computing);
      const settled = await computing;
      if (settled.status === 'failed' && entry.parts.get(key) === computing) {
        entry.parts.delete(key);
      }
      evictBeyondLimit();
    }
    return result;
  }

  async function systemOf(entity: Entity): Promise<Entity | undefined> {
    const system = (entity.spec as { system?: string } | undefined)?.system;
    if (!system) return undefined;
    const credentials = await auth.getOwnServiceCredentials();
    return catalog.getEntityByRef(
      stringifyEntityRef(
        parseEntityRef(system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace,
        }),
      ),
      { credentials },
    );
  }

  /**
   * Where an entity's pods run in an environment: its (or its system's) cloud and region,
   * and the node machine it names, else the largest node pool its system's Terraform
   * declares for that environment.
   */
  async function kubernetesTarget(
    entity: Entity,
    environment: string,
    systemOfEntity: () => Promise<Entity | undefined>,
  ): Promise<KubernetesTarget | undefined> {
    let cloud = annotation(entity, FORJA_ANNOTATION_CLOUD);
    let region = annotation(entity, FORJA_ANNOTATION_REGION);
    let machine = annotation(entity, FORJA_ANNOTATION_COST_NODE_MACHINE);
    if (!cloud || !region || !machine) {
      const system = await systemOfEntity();
      const terraform =
        system && annotation(system, FORJA_ANNOTATION_TERRAFORM_DIR);
      let source: SourceLocation | undefined;
      try {
        source = terraform ? resolveSource(system!, terraform) : undefined;
      } catch {
        // The system's own estimate says why; its node pools are unknown here.
      }
      const pool =
        source && environmentNameProblem(environment) === undefined
          ? (await part('terraform', source, environment, undefined)).estimate
              ?.projects[0]?.nodePools?.[0]
          : undefined;
      cloud ??=
        (system && annotation(system, FORJA_ANNOTATION_CLOUD)) ?? pool?.cloud;
      region ??=
        (system && annotation(system, FORJA_ANNOTATION_REGION)) ?? pool?.region;
      if (pool?.cloud === cloud) machine ??= pool?.machine;
    }
    if (!cloud || !region || !CLOUDS.has(cloud)) return undefined;
    return { cloud: cloud as Cloud, region, machine };
  }

  /**
   * The environments of an entity without `forja.dev/environments`: the folders its sources
   * hold (`environments/<env>`, `overlays/<env>`), else the folder itself as `default`.
   */
  async function discoverEnvironments(
    sources: Array<[Kind, SourceLocation]>,
  ): Promise<string[]> {
    const found = new Set<string>();
    for (const [kind, source] of sources) {
      try {
        const dir = (await current(source)).snapshot?.dir;
        if (dir) {
          for (const environment of await environmentFolders(kind, dir)) {
            found.add(environment);
          }
        }
      } catch {
        // Reported by the estimate of the source itself.
      }
    }
    return found.size ? [...found].sort() : ['default'];
  }

  /** Every source part of the entity, per environment. */
  async function entityParts(entity: Entity): Promise<Map<string, Part[]>> {
    const sources: Array<[Kind, SourceLocation]> = [];
    // A folder that cannot be read (outside the checkout, not dir:/url:) fails every environment.
    const refused: Part[] = [];
    for (const [kind, key] of [
      ['terraform', FORJA_ANNOTATION_TERRAFORM_DIR],
      ['kustomize', FORJA_ANNOTATION_KUSTOMIZE_DIR],
    ] as const) {
      const value = annotation(entity, key);
      if (!value) continue;
      try {
        sources.push([kind, resolveSource(entity, value)]);
      } catch (error) {
        refused.push({
          identity: `refused:${value}`,
          status: 'failed',
          message: `${key}: ${(error as Error).message}`,
        });
      }
    }
    const declared = entityEnvironments(entity);
    const envs = declared.length
      ? declared
      : await discoverEnvironments(sources);
    const byEnvironment = new Map<string, Part[]>(
      envs.map(e => [e, [...refused]]),
    );
    // One catalog read of the system, whatever the number of environments.
    let system: Promise<Entity | undefined> | undefined;
    const systemOfEntity = () => (system ??= systemOf(entity));
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
      for (const [kind, source] of sources) {
        work.push(
          (async () => {
            const kubernetes =
              kind === 'kustomize'
                ? await kubernetesTarget(entity, environment, systemOfEntity)
                : undefined;
            byEnvironment
              .get(environment)!
              .push(await part(kind, source, environment, kubernetes));
          })(),
        );
      }
    }
    await Promise.all(work);
    return byEnvironment;
  }

  function environmentCost(
    environment: string,
    parts: Part[],
  ): EnvironmentCost {
    const ok = parts.filter(p => p.status === 'ok');
    const failed = parts.filter(p => p.status === 'failed');
    const message = failed.map(p => p.message).join('; ') || undefined;
    if (!ok.length) return { environment, status: 'failed', message };
    return {
      environment,
      status: 'ok',
      message,
      estimate: combineEstimates(ok.map(p => p.estimate!)),
      revision: ok.map(p => p.revision).join(','),
      computedAt: ok.map(p => p.computedAt!).sort()[0],
    };
  }

  function response(
    entityRef: string,
    environments: EnvironmentCost[],
    members?: MemberCost[],
  ): EntityCostResponse {
    const ok = environments.filter(e => e.estimate);
    const sources = mergeSources(ok.map(e => e.estimate!.priceSources ?? []));
    return {
      entityRef,
      currency: 'USD',
      totalMonthlyCost: money(
        ok.reduce((sum, e) => sum + Number(e.estimate!.totalMonthlyCost), 0),
      ),
      environments,
      members,
      pricesRetrievedAt: ok
        .map(e => e.estimate!.pricesRetrievedAt)
        .filter((d): d is string => !!d)
        .sort()[0],
      priceFreshness: priceFreshness(sources, {
        maxAgeDays: config.maxPriceAgeDays,
      }),
    };
  }

  async function rollup(entity: Entity): Promise<EntityCostResponse> {
    const entityRef = stringifyEntityRef(entity);
    const relation =
      entity.kind.toLocaleLowerCase('en-US') === 'group'
        ? RELATION_OWNED_BY
        : RELATION_PART_OF;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { [`relations.${relation}`]: entityRef } },
      { credentials },
    );
    const members = [entity, ...items].filter(isCostAvailable);
    const memberParts = await Promise.all(members.map(entityParts));
    const distinct = new Map<string, Map<string, Part>>();
    const memberCosts: MemberCost[] = members.map((member, index) => {
      const environments = [...memberParts[index].entries()].map(
        ([environment, parts]) => {
          const perEnvironment = distinct.get(environment) ?? new Map();
          distinct.set(environment, perEnvironment);
          for (const p of parts) perEnvironment.set(p.identity, p);
          const cost = environmentCost(environment, parts);
          return {
            environment,
            status: cost.status,
            monthlyCost: cost.estimate?.totalMonthlyCost,
            message: cost.message,
          };
        },
      );
      return {
        entityRef: stringifyEntityRef(member),
        title: member.metadata.title,
        totalMonthlyCost: money(
          environments.reduce((sum, e) => sum + Number(e.monthlyCost ?? 0), 0),
        ),
        environments,
      };
    });
    const environments = [...distinct.entries()].map(([environment, parts]) =>
      environmentCost(environment, [...parts.values()]),
    );
    return response(entityRef, environments, memberCosts);
  }

  return {
    async entityCost(entity) {
      if (
        ['system', 'group'].includes(entity.kind.toLocaleLowerCase('en-US'))
      ) {
        return rollup(entity);
      }
      const parts = await entityParts(entity);
      return response(
        stringifyEntityRef(entity),
        [...parts.entries()].map(([environment, p]) =>
          environmentCost(environment, p),
        ),
      );
    },
  };
}
