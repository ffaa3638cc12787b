import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ApplicationSummary } from '@forja/plugin-argocd-common';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { DataAge, relativeTime } from '@forja/plugin-forja-react';
import { argoCdApiRef } from '../api';
import { commitLine } from './SimpleTable';
import { HealthChip, SyncChip } from './StatusChips';

const ENVIRONMENT_ORDER = ['dev', 'qa', 'staging', 'prod'];

/** Delivery order: dev, qa, staging, prod, then anything else by name. */
export function byEnvironment(a: ApplicationSummary, b: ApplicationSummary) {
  const rank = (app: ApplicationSummary) => {
    const index = ENVIRONMENT_ORDER.indexOf(app.environment ?? '');
    return index < 0 ? ENVIRONMENT_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/**
 * Sync and health of the entity's Argo CD applications, one row per environment and
 * instance. A change of `reloadKey` reads them again (after a sync, say).
 */
export function ArgoCdOverviewCard(props: { reloadKey?: number } = {}) {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  const { value, loading, error } = useAsync(
    () => api.getApplications(getCompoundEntityRef(entity)),
    [api, entity, props.reloadKey],
  );

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && !value.configured) {
    body = (
      <Alert severity="info" title="Argo CD is not configured">
        This entity names its Argo CD applications, but the backend has no Argo
        CD instance. Add one under <code>argocd.appLocatorMethods</code> in
        app-config (a token stays in the backend).
      </Alert>
    );
  } else if (value) {
    body = (
      <Stack spacing={1}>
        {value.instances
          .filter(instance => instance.status !== 'ok')
          .map(instance => (
            <Alert key={instance.name} severity="warning">
              {instance.status === 'credentials-rejected'
                ? 'Credentials rejected'
                : 'Unavailable'}
              : {instance.message}
            </Alert>
          ))}
        {value.applications.length === 0 ? (
          <Typography variant="body2">
            No Argo CD application matches this entity.
          </Typography>
        ) : (
          <Table size="small" aria-label="Argo CD applications">
            <TableHead>
              <TableRow>
                <TableCell>Environment</TableCell>
                <TableCell>Application</TableCell>
                <TableCell>Sync</TableCell>
                <TableCell>Health</TableCell>
                <TableCell>Revision</TableCell>
                <TableCell>Last sync</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...value.applications].sort(byEnvironment).map(app => (
                <TableRow key={`${app.instance}/${app.name}`}>
                  <TableCell>{app.environment ?? '—'}</TableCell>
                  <TableCell>
                    <Link to={app.url}>{app.name}</Link>
                    <Typography variant="caption" display="block">
                      {app.instance} · {app.project}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <SyncChip status={app.syncStatus} />
                    {app.outOfSyncResources > 0 && (
                      <Typography variant="caption" display="block">
                        {app.outOfSyncResources} out of sync
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <HealthChip status={app.healthStatus} />
                    {app.operationError && (
                      <Typography
                        variant="caption"
                        color="error"
                        display="block"
                      >
                        {app.operationError}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <code>{app.revision?.slice(0, 7) ?? '—'}</code>
                    {app.revisionMetadata?.message && (
                      <Typography variant="caption" display="block">
                        {commitLine(app.revisionMetadata)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{relativeTime(app.lastSyncedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <DataAge source="Argo CD" fetchedAt={value.fetchedAt} />
      </Stack>
    );
  }
  return <InfoCard title="Argo CD">{body}</InfoCard>;
}
