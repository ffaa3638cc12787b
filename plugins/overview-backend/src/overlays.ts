import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { kustomizeBuild } from '@forja/plugin-cost-node';
import {
  environmentNameProblem,
  LruMap,
  resolveSource,
  revalidateSource,
  SourceCheck,
  sourceKey,
} from '@forja/plugin-forja-node';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const KUSTOMIZE_DIR = 'forja.dev/kustomize-dir';

/** What an overlay declares, as `kubectl kustomize` renders it. */
export interface OverlayFacts {
  /** Image per `<workload>/<container>`. */
  images: Record<string, string>;
  /** Replicas per workload: the autoscaler's floor when one targets it. */
  replicas: Record<string, number>;
  /** ConfigMap values per `<configmap>/<key>` (generated names without their hash). */
  config: Record<string, string>;
}

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    replicas?: number;
    minReplicas?: number;
    scaleTargetRef?: { name?: string };
    template?: {
      spec?: { containers?: Array<{ name: string; image?: string }> };
    };
  };
  data?: Record<string, string>;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const GENERATED_SUFFIX = /-[a-z0-9]{10}$/;

export function overlayFacts(rendered: string): OverlayFacts {
  const facts: OverlayFacts = { images: {}, replicas: {}, config: {} };
  const manifests = parseAllDocuments(rendered).map(
    d => (d.toJS() ?? {}) as Manifest,
  );
  for (const m of manifests) {
    const name = m.metadata?.name ?? '';
    if (m.kind && WORKLOADS.has(m.kind)) {
      for (const c of m.spec?.template?.spec?.containers ?? [])
        if (c.image) facts.images[`${name}/${c.name}`] = c.image;
      if (m.spec?.replicas !== undefined)
        facts.replicas[name] = m.spec.replicas;
    }
    if (m.kind === 'ConfigMap') {
      const base = name.replace(GENERATED_SUFFIX, '');
      for (const [key, value] of Object.entries(m.data ?? {}))
        facts.config[`${base}/${key}`] = value;
    }
  }
  for (const m of manifests) {
    const target = m.spec?.scaleTargetRef?.name;
    if (m.kind === 'HorizontalPodAutoscaler' && target && m.spec?.minReplicas)
      facts.replicas[target] = m.spec.minReplicas;
  }
  return facts;
}

export type Overlays = Record<string, OverlayFacts | { error: string }>;

/**
 * Each environment's overlay under `dir`, rendered; one that does not build says why. The
 * build reads only what `dir` holds (kustomizeBuild: nothing remote, nothing outside it),
 * with a time limit and a bounded output; an environment that is not a name is not built.
 */
async function renderOverlays(dir: string, environments: string[]) {
  const result: Overlays = {};
  for (const env of environments) {
    const problem = environmentNameProblem(env);
    if (problem) {
      result[env] = { error: problem };
      continue;
    }
    try {
      result[env] = overlayFacts(
        await kustomizeBuild(path.join(dir, 'overlays', env), { root: dir }),
      );
    } catch (error) {
      result[env] = {
        error: `overlays/${env} does not build: ${
          (error as Error).message.split('\n')[0]
        }`,
      };
    }
  }
  return result;
}

/** Sources whose rendered overlays are kept: the least recently viewed go first. */
export const MAX_RENDERED_SOURCES = 1000;

/**
 * The overlays of an entity's Kustomize folder, rendered per environment and kept per
 * source revision: the folder is checked at most once per `revalidateMs`, and an unchanged
 * revision is not rendered again. At most `maxEntries` sources are kept. A folder outside
 * what the entity's location belongs to (resolveSource) rejects with an InputError.
 */
export type OverlayReader = (
  entity: Entity,
  environments: string[],
) => Promise<Overlays | undefined>;

export function createOverlayReader(
  reader: UrlReaderService,
  revalidateMs: number,
  maxEntries: number = MAX_RENDERED_SOURCES,
): OverlayReader {
  const rendered = new LruMap<string, SourceCheck & { overlays?: Overlays }>(
    maxEntries,
  );
  return async function overlays(entity, environments) {
    const value = entity.metadata.annotations?.[KUSTOMIZE_DIR];
    if (!value) return undefined;
    const source = resolveSource(entity, value);
    const key = `${sourceKey(source)}|${environments.join(',')}`;
    let entry = rendered.get(key);
    if (!entry) {
      entry = { checkedAt: 0 };
      rendered.set(key, entry);
    }
    const target = entry;
    await revalidateSource(target, {
      source,
      reader,
      revalidateMs,
      onChange: async snapshot => {
        try {
          target.overlays = await renderOverlays(snapshot.dir, environments);
        } finally {
          await snapshot.release();
        }
      },
    });
    return target.overlays;
  };
}
