import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  resolveSource,
  revalidateSource,
  SourceCheck,
  sourceKey,
} from '@forja/plugin-forja-node';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

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

/** Each environment's overlay under `dir`, rendered; one that does not build says why. */
async function renderOverlays(dir: string, environments: string[]) {
  const result: Overlays = {};
  for (const env of environments) {
    try {
      const { stdout } = await run(
        'kubectl',
        ['kustomize', path.join(dir, 'overlays', env)],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      result[env] = overlayFacts(stdout);
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      result[env] = {
        error: `overlays/${env} does not build: ${
          (stderr || (error as Error).message).split('\n')[0]
        }`,
      };
    }
  }
  return result;
}

/**
 * The overlays of an entity's Kustomize folder, rendered per environment and kept per
 * source revision: the folder is checked at most once per `revalidateMs`, and an unchanged
 * revision is not rendered again.
 */
export type OverlayReader = (
  entity: Entity,
  environments: string[],
) => Promise<Overlays | undefined>;

export function createOverlayReader(
  reader: UrlReaderService,
  revalidateMs: number,
): OverlayReader {
  const rendered = new Map<string, SourceCheck & { overlays?: Overlays }>();
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
