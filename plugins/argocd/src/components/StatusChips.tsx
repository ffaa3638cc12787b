import Chip from '@mui/material/Chip';
import { HealthStatus, SyncStatus } from '@forja/plugin-argocd-common';

const SYNC_COLOR: Record<SyncStatus, 'success' | 'warning' | 'default'> = {
  Synced: 'success',
  OutOfSync: 'warning',
  Unknown: 'default',
};
const HEALTH_COLOR: Record<
  HealthStatus,
  'success' | 'info' | 'error' | 'default' | 'warning'
> = {
  Healthy: 'success',
  Progressing: 'info',
  Degraded: 'error',
  Suspended: 'warning',
  Missing: 'error',
  Unknown: 'default',
};

// Keyed by status: a chip whose colour changes in place kept its old colour in the portal.
export function SyncChip({ status }: { status: SyncStatus }) {
  return (
    <Chip key={status} size="small" label={status} color={SYNC_COLOR[status]} />
  );
}

export function HealthChip({ status }: { status: HealthStatus }) {
  return (
    <Chip
      key={status}
      size="small"
      label={status}
      color={HEALTH_COLOR[status]}
      variant="outlined"
    />
  );
}
