import { parseAllDocuments } from 'yaml';

/** A workload's steady-state requests: what the scheduler reserves on nodes for it. */
export interface WorkloadRequests {
  /** `Deployment/video-system/ms-auth` */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
  /**
   * Per replica, in cores and GiB: the pod's effective request, the larger of its
   * long-running containers' sum and its largest init container.
   */
  cpu: number;
  memoryGiB: number;
  /** Containers without a request for cpu or memory (priced as zero for that resource). */
  missingRequests: string[];
  /** DaemonSets run one pod per node: their replicas are the node count. */
  perNode: boolean;
}

const CPU_UNITS: Record<string, number> = { m: 1e-3, '': 1, k: 1e3 };
const BYTE_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** `500m` -> 0.5 cores, `2` -> 2. */
export function parseCpu(value: unknown): number | undefined {
  const match = /^([0-9.]+)(m|k)?$/.exec(String(value ?? '').trim());
  return match ? Number(match[1]) * CPU_UNITS[match[2] ?? ''] : undefined;
}

/** `512Mi` -> 0.5 GiB, `1G` -> 0.93 GiB. */
export function parseMemoryGiB(value: unknown): number | undefined {
  const match = /^([0-9.]+)(k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(
    String(value ?? '').trim(),
  );
  return match
    ? (Number(match[1]) * BYTE_UNITS[match[2] ?? '']) / 1024 ** 3
    : undefined;
}

export type K8sObject = {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: any;
};

const POD_TEMPLATE: Record<string, (spec: any) => any> = {
  Deployment: s => s?.template?.spec,
  StatefulSet: s => s?.template?.spec,
  DaemonSet: s => s?.template?.spec,
  ReplicaSet: s => s?.template?.spec,
  Job: s => s?.template?.spec,
  CronJob: s => s?.jobTemplate?.spec?.template?.spec,
  Pod: s => s,
  Rollout: s => s?.template?.spec,
};

/** The pod spec a workload object (Deployment, StatefulSet, CronJob, Rollout...) runs, if any. */
export const podSpecOf = (o: { kind?: string; spec?: any }): any =>
  POD_TEMPLATE[o.kind ?? '']?.(o.spec);

/**
 * Workloads in manifests (or `kustomize build` output) with their requests. Replicas are
 * the larger of `spec.replicas` (default 1) and the HPA's `minReplicas` for the same
 * target: the floor the cluster keeps running.
 */
/** The objects of manifests (a `List`'s items as objects of their own). */
export function parseObjects(manifests: string): K8sObject[] {
  return parseAllDocuments(manifests)
    .map(doc => doc.toJSON() as K8sObject)
    .filter(o => o && typeof o === 'object')
    .flatMap(o => (o.kind === 'List' ? (o as any).items ?? [] : [o]));
}

export function readWorkloads(
  manifests: string | K8sObject[],
): WorkloadRequests[] {
  const objects =
    typeof manifests === 'string' ? parseObjects(manifests) : manifests;
  const hpaFloor = new Map<string, number>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') continue;
    const target = o.spec?.scaleTargetRef;
    const key = `${target?.kind}/${o.metadata?.namespace ?? 'default'}/${
      target?.name
    }`;
    hpaFloor.set(key, Number(o.spec?.minReplicas ?? 1));
  }
  const workloads: WorkloadRequests[] = [];
  for (const o of objects) {
    const podSpec = podSpecOf(o);
    if (!podSpec) continue;
    const namespace = o.metadata?.namespace ?? 'default';
    const id = `${o.kind}/${namespace}/${o.metadata?.name}`;
    const missingRequests: string[] = [];
    const requestsOf = (container: any, required = true) => {
      const requests = container.resources?.requests ?? {};
      const limits = container.resources?.limits ?? {};
      // Kubernetes defaults a missing request to the limit.
      const c = parseCpu(requests.cpu ?? limits.cpu);
      const m = parseMemoryGiB(requests.memory ?? limits.memory);
      if (required && (c === undefined || m === undefined))
        missingRequests.push(container.name);
      return { cpu: c ?? 0, memoryGiB: m ?? 0 };
    };
    const initContainers: any[] = podSpec.initContainers ?? [];
    // Long-running: the containers and the sidecars (init containers that keep running).
    let cpu = 0;
    let memoryGiB = 0;
    for (const container of [
      ...(podSpec.containers ?? []),
      ...initContainers.filter(c => c.restartPolicy === 'Always'),
    ]) {
      const r = requestsOf(container);
      cpu += r.cpu;
      memoryGiB += r.memoryGiB;
    }
    // A pod's effective request is the larger of that sum and its largest init container.
    for (const container of initContainers.filter(
      c => c.restartPolicy !== 'Always',
    )) {
      const r = requestsOf(container, false);
      cpu = Math.max(cpu, r.cpu);
      memoryGiB = Math.max(memoryGiB, r.memoryGiB);
    }
    const declared =
      o.kind === 'Pod' || o.kind === 'Job' || o.kind === 'CronJob'
        ? 1
        : Number(o.spec?.replicas ?? 1);
    workloads.push({
      id,
      kind: o.kind!,
      namespace,
      name: o.metadata?.name ?? '',
      replicas: Math.max(declared, hpaFloor.get(id) ?? 0),
      cpu,
      memoryGiB,
      missingRequests,
      perNode: o.kind === 'DaemonSet',
    });
  }
  return workloads;
}

/**
 * A pod's share of its node: the larger of its CPU share and its memory share, since
 * whichever runs out first decides how many such pods fit. Monthly cost of a workload =
 * node monthly price x share x replicas.
 */
export function nodeShare(
  workload: Pick<WorkloadRequests, 'cpu' | 'memoryGiB'>,
  node: { vcpu: number; memoryGiB: number },
): number {
  return Math.max(
    workload.cpu / node.vcpu,
    workload.memoryGiB / node.memoryGiB,
  );
}
