import { Entity } from '@backstage/catalog-model';
import { KubernetesCellValue } from '@forja/plugin-overview-common';
import {
  KUBERNETES_ID,
  KUBERNETES_NAMESPACE,
  KubernetesSnapshot,
  Workload,
} from '../../sources';
import { SourceRead } from '../sourceReader';
import { failedPart, notConfigured, PartOf, unanswered } from './common';

export type KubernetesAnswer = SourceRead<KubernetesSnapshot>;

/** Workloads by `backstage.io/kubernetes-id`, built once per snapshot read. */
const workloadIndex = new WeakMap<
  KubernetesSnapshot,
  Map<string, Workload[]>
>();

/** The entity's workloads (its kubernetes id, in its namespace when it names one). */
export function workloadsOf(
  snapshot: KubernetesSnapshot,
  entity: Entity,
): Workload[] {
  const id = entity.metadata.annotations?.[KUBERNETES_ID];
  if (!id) return [];
  let index = workloadIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const w of snapshot.workloads) {
      index.set(w.kubernetesId, [...(index.get(w.kubernetesId) ?? []), w]);
    }
    workloadIndex.set(snapshot, index);
  }
  const namespace = entity.metadata.annotations?.[KUBERNETES_NAMESPACE];
  return (index.get(id) ?? []).filter(
    w => !namespace || w.namespace === namespace,
  );
}

/** The environments the entity's workloads run in. */
export function kubernetesEnvironments(
  result: KubernetesAnswer,
  entity: Entity,
): string[] {
  const workloads = result.value ? workloadsOf(result.value, entity) : [];
  return workloads.flatMap(w => (w.environment ? [w.environment] : []));
}

/** Whether the Kubernetes backend has any cluster configured. */
export const kubernetesConfigured = (result: KubernetesAnswer) =>
  result.value?.clusters.length !== 0;

/** Every cluster that did not answer. */
export const kubernetesFailures = (result: KubernetesAnswer): string[] =>
  (result.value?.clusters ?? [])
    .filter(c => c.state === 'failed')
    .map(c => `${c.name}: ${c.message}`);

/** The entity's workloads in each environment, summed. */
export function kubernetesPart(
  result: KubernetesAnswer,
  entity: Entity,
): PartOf<KubernetesCellValue> {
  if (!entity.metadata.annotations?.[KUBERNETES_ID])
    return () => ({ state: 'none' });
  const missing = unanswered<KubernetesCellValue>(result);
  if (missing) return missing;
  if (!kubernetesConfigured(result)) return notConfigured;
  const mine = workloadsOf(result.value!, entity);
  const down = result.value!.clusters.filter(c => c.state === 'failed');
  return env => {
    const here = mine.filter(w => w.environment === env);
    if (!here.length) {
      return down.length
        ? failedPart(down.map(c => `${c.name}: ${c.message}`).join('; '))
        : { state: 'none', fetchedAt: result.fetchedAt };
    }
    const sum = (field: 'ready' | 'desired' | 'restarts') =>
      here.reduce((total, w) => total + w[field], 0);
    return {
      state: result.state,
      fetchedAt: result.fetchedAt,
      value: {
        ready: sum('ready'),
        desired: sum('desired'),
        restarts: sum('restarts'),
        workloads: here.map(({ kubernetesId: _, environment: __, ...w }) => w),
      },
    };
  };
}
