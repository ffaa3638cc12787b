import { ApplicationDiff, ResourceDiff } from '@forja/plugin-argocd-common';
import { ArgoCdResourceDiff } from '@forja/plugin-argocd-node';
import { stringify } from 'yaml';
import { unifiedDiff } from './unifiedDiff';

/** Differing resources shown per application; the rest are counted. */
export const MAX_DIFF_RESOURCES = 100;
/** Lines of one resource's diff. */
export const MAX_DIFF_LINES = 400;

/** Fields the cluster writes that say nothing about the difference. */
const METADATA_NOISE = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
];
/** Annotations that copy the object (a Secret's included) or count rollouts. */
const ANNOTATION_NOISE = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

type Manifest = Record<string, any>;

class StateError extends Error {}

function parseState(state: string | undefined): Manifest | null {
  if (state === undefined || state === '' || state === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(state);
  } catch {
    throw new StateError('Argo CD sent a state that is not JSON');
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value)))
    throw new StateError('Argo CD sent a state that is not an object');
  return value as Manifest | null;
}

function withoutNoise(manifest: Manifest | null): Manifest | null {
  if (!manifest) return manifest;
  const { status: _status, ...rest } = manifest;
  const metadata = { ...rest.metadata };
  for (const key of METADATA_NOISE) delete metadata[key];
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    for (const key of ANNOTATION_NOISE) delete annotations[key];
    metadata.annotations = annotations;
    if (!Object.keys(annotations).length) delete metadata.annotations;
  }
  return rest.metadata ? { ...rest, metadata } : rest;
}

/**
 * A Secret's `data` and `stringData` with every value replaced, on both sides: the same
 * value shows the same placeholder, a differing one another, so the diff says which keys
 * changed and never what they hold (Argo CD redacts them too; this does not rely on it).
 */
function hideSecretValues(live: Manifest | null, desired: Manifest | null) {
  const hide = (m: Manifest | null) =>
    m && { ...m, data: m.data && { ...m.data }, stringData: undefined };
  const [l, d] = [hide(live), hide(desired)];
  const values = (m: Manifest | null) => ({
    ...(m?.data ?? {}),
    ...Object.fromEntries(
      Object.entries(m?.stringData ?? {}).map(([k, v]) => [
        k,
        Buffer.from(String(v)).toString('base64'),
      ]),
    ),
  });
  const [lv, dv] = [values(live), values(desired)];
  for (const [side, mine, theirs] of [
    [l, lv, dv],
    [d, dv, lv],
  ] as const) {
    if (!side) continue;
    const keys = Object.keys(mine);
    if (!keys.length) {
      delete side.data;
    } else {
      side.data = Object.fromEntries(
        keys.map(k => [
          k,
          mine[k] === theirs[k]
            ? '(hidden)'
            : `(hidden, ${side === l ? 'live' : 'desired'} value)`,
        ]),
      );
    }
    delete side.stringData;
  }
  return [l, d] as const;
}

const yaml = (m: Manifest | null) =>
  m === null ? '' : stringify(m, { sortMapEntries: true, lineWidth: 0 });

/** One managed resource's difference, or why there is none to show. */
export function resourceDiff(item: ArgoCdResourceDiff): ResourceDiff {
  const base = {
    group: item.group ?? '',
    kind: item.kind ?? '',
    namespace: item.namespace || undefined,
    name: item.name ?? '',
    hook: item.hook ?? false,
  };
  try {
    let live = withoutNoise(
      parseState(item.normalizedLiveState ?? item.liveState),
    );
    let desired = withoutNoise(
      parseState(item.predictedLiveState ?? item.targetState),
    );
    if (base.kind === 'Secret' && base.group === '')
      [live, desired] = hideSecretValues(live, desired);
    const { text, truncated } = unifiedDiff(
      yaml(live),
      yaml(desired),
      MAX_DIFF_LINES,
    );
    return { ...base, diff: text, truncated };
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
    return { ...base, diff: '', truncated: false, error: error.message };
  }
}

/**
 * The resources of a managed-resources answer that differ (Argo CD's `modified`, or a
 * diff found here), at most MAX_DIFF_RESOURCES of them, hooks left out.
 */
export function applicationDiff(
  application: string,
  items: ArgoCdResourceDiff[],
): ApplicationDiff {
  const compared = items.filter(i => !i.hook);
  const differing: ResourceDiff[] = [];
  let unchanged = 0;
  let omitted = 0;
  for (const item of compared) {
    const diff = resourceDiff(item);
    if (!diff.diff && !diff.error && !item.modified) unchanged++;
    else if (differing.length >= MAX_DIFF_RESOURCES) omitted++;
    else differing.push(diff);
  }
  return { application, resources: differing, unchanged, omitted };
}
