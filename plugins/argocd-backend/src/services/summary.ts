import {
  ApplicationSummary,
  HealthStatus,
  SyncStatus,
} from '@forja/plugin-argocd-common';
import { ArgoCdApplication } from '@forja/plugin-argocd-node';

const SYNC: SyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH: HealthStatus[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

/** An Application as the card shows it; unknown statuses read `Unknown`. */
export function summarize(
  instance: { name: string; frontendUrl: string },
  app: ArgoCdApplication,
): ApplicationSummary {
  const status = app.status ?? {};
  const operation = status.operationState;
  const syncStatus = SYNC.find(s => s === status.sync?.status) ?? 'Unknown';
  const healthStatus =
    HEALTH.find(h => h === status.health?.status) ?? 'Unknown';
  return {
    instance: instance.name,
    name: app.metadata.name,
    namespace: app.metadata.namespace ?? 'argocd',
    project: app.spec?.project ?? 'default',
    environment: app.metadata.labels?.['forja.dev/environment'],
    syncStatus,
    healthStatus,
    revision: status.sync?.revision,
    lastSyncedAt: operation?.finishedAt ?? status.reconciledAt,
    deployedAt: status.history?.[status.history.length - 1]?.deployedAt,
    outOfSyncResources: (status.resources ?? []).filter(
      r => r.status === 'OutOfSync',
    ).length,
    operationPhase: operation?.phase,
    operationError:
      operation?.phase === 'Failed' || operation?.phase === 'Error'
        ? operation.message
        : undefined,
    url: `${instance.frontendUrl}/applications/${encodeURIComponent(
      app.metadata.namespace ?? 'argocd',
    )}/${encodeURIComponent(app.metadata.name)}`,
  };
}
