import { ArgoCdApplication } from './client';

/** kubectl's copy of the whole manifest, on applications created with `kubectl apply`. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function withoutLastApplied(annotations: Record<string, string>) {
  if (!(LAST_APPLIED in annotations)) return annotations;
  const { [LAST_APPLIED]: _manifest, ...rest } = annotations;
  return rest;
}

/**
 * An application as lists keep it, in the cache and in memory: what the cards, the
 * overview and the ownership check read of a list, and no more. Argo CD's list holds
 * every managed resource and up to ten history entries per application (1.35 KB each in
 * the scale benchmark, 8 MB per instance of 6,000); a list keeps only the resources out
 * of sync, the last deployment, and no copy of kubectl's last-applied manifest. Whoever needs them whole (the tab's resources and
 * history) reads the one application.
 */
export function listedApplication(app: ArgoCdApplication): ArgoCdApplication {
  const { metadata, spec, status } = app;
  const lastDeployed = status?.history?.[status.history.length - 1];
  return {
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      labels: metadata.labels,
      annotations:
        metadata.annotations && withoutLastApplied(metadata.annotations),
    },
    spec: spec && { project: spec.project },
    status: status && {
      sync: status.sync && {
        status: status.sync.status,
        revision: status.sync.revision,
      },
      health: status.health && { status: status.health.status },
      resources: status.resources?.filter(r => r.status === 'OutOfSync'),
      reconciledAt: status.reconciledAt,
      operationState: status.operationState && {
        phase: status.operationState.phase,
        message: status.operationState.message,
        startedAt: status.operationState.startedAt,
        finishedAt: status.operationState.finishedAt,
      },
      history: lastDeployed && [lastDeployed],
    },
  };
}
