import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  applicationEnvironment,
  argocdApplicationSyncPermission,
  ApplicationSummary,
  declaredEnvironments,
} from '@forja/plugin-argocd-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { relativeTime } from '@forja/plugin-forja-react';
import { ApplicationOperation, argoCdApiRef } from '../api';
import { ArgoCdOverviewCard, byEnvironment } from './ArgoCdOverviewCard';
import { ResourceDiffs } from './ResourceDiffs';
import { COMMIT_SHA, RollbackButton } from './RollbackButton';
import { commitLine, SimpleTable } from './SimpleTable';
import { HealthChip, SyncChip } from './StatusChips';

type Operation = ApplicationOperation;

const DONE: Record<Operation, string> = {
  sync: 'Synced',
  refresh: 'Refreshed',
  terminate: 'Terminated the operation of',
};
const TITLE: Record<Operation, string> = {
  sync: 'Sync',
  refresh: 'Refresh',
  terminate: 'Terminate the running operation of',
};

function OperationButtons(props: {
  app: ApplicationSummary;
  onDone: () => void;
}) {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  const { allowed } = usePermission({
    permission: argocdApplicationSyncPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [confirming, setConfirming] = useState<Operation>();
  const [state, run] = useAsyncFn(
    async (operation: Operation) => {
      const result = await api.operate(
        getCompoundEntityRef(entity),
        props.app.instance,
        props.app.name,
        operation,
      );
      props.onDone();
      return `${DONE[operation]} ${result.name}: ${result.syncStatus}, ${
        result.healthStatus
      }${result.operationPhase ? `, operation ${result.operationPhase}` : ''}`;
    },
    [api, entity, props.app],
  );
  if (!allowed) return null;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          onClick={() => setConfirming('sync')}
          disabled={state.loading}
        >
          Sync
        </Button>
        <Button
          variant="outlined"
          onClick={() => setConfirming('refresh')}
          disabled={state.loading}
        >
          Refresh
        </Button>
        {props.app.operationPhase === 'Running' && (
          <Button
            variant="outlined"
            color="error"
            onClick={() => setConfirming('terminate')}
            disabled={state.loading}
          >
            Terminate
          </Button>
        )}
      </Stack>
      {state.loading && <LinearProgress aria-label="operation in progress" />}
      {state.value && <Alert severity="success">{state.value}</Alert>}
      {state.error && <Alert severity="error">{state.error.message}</Alert>}
      <Dialog
        open={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
      >
        <DialogTitle>
          {confirming && TITLE[confirming]} {props.app.name}?
        </DialogTitle>
        <DialogContent>
          {confirming === 'sync' &&
            `Argo CD applies the Git revision to ${
              props.app.environment ?? props.app.name
            } on ${props.app.instance} now (no pruning).`}
          {confirming === 'refresh' &&
            `Argo CD compares ${props.app.name} with Git again.`}
          {confirming === 'terminate' &&
            `Argo CD stops the sync under way on ${props.app.instance}; what it already applied stays, and the operation ends as Failed.`}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(undefined)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={() => {
              const operation = confirming!;
              setConfirming(undefined);
              run(operation);
            }}
          >
            {confirming === 'terminate'
              ? 'Terminate'
              : confirming && TITLE[confirming]}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

function ApplicationDetail(props: {
  app: ApplicationSummary;
  version: number;
  onChange: () => void;
}) {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.getApplication(
        getCompoundEntityRef(entity),
        props.app.instance,
        props.app.name,
      ),
    [api, entity, props.app.instance, props.app.name, props.version],
  );
  // After a sync the detail reloads in place: keep showing the last one meanwhile.
  if (!value && loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const detail = value!;
  const environment = applicationEnvironment(
    detail.application,
    declaredEnvironments(entity),
  );
  const current = detail.application.revision;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title={detail.application.name}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} alignItems="center">
              <SyncChip status={detail.application.syncStatus} />
              <HealthChip status={detail.application.healthStatus} />
              <Link to={detail.application.url}>Open in Argo CD</Link>
            </Stack>
            <OperationButtons
              app={detail.application}
              onDone={props.onChange}
            />
          </Stack>
        </InfoCard>
      </Grid>
      {detail.application.syncStatus === 'OutOfSync' && (
        <Grid item xs={12}>
          <ResourceDiffs app={detail.application} version={props.version} />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="History">
          <SimpleTable
            label="Sync history"
            headers={['Revision', 'Commit', 'Deployed', '']}
            rows={detail.history.map(row => ({
              key: String(row.id),
              cells: [
                <code>{row.revision?.slice(0, 7)}</code>,
                commitLine(row.revisionMetadata),
                relativeTime(row.deployedAt),
                // An earlier commit of the environment's repository: back by pull request.
                environment &&
                row.revision &&
                row.revision !== current &&
                COMMIT_SHA.test(row.revision) ? (
                  <RollbackButton
                    environment={environment}
                    revision={row.revision}
                  />
                ) : null,
              ],
            }))}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Resources">
          <SimpleTable
            label="Resources"
            headers={['Kind', 'Name', 'Sync', 'Health']}
            rows={detail.resources.map(resource => ({
              key: `${resource.kind}/${resource.namespace}/${resource.name}`,
              cells: [
                resource.kind,
                resource.name,
                resource.status ?? '—',
                resource.health?.status ?? '—',
              ],
            }))}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** The Argo CD tab: overview, then history, resources, and sync for one application. */
export function ArgoCdContent() {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  // Bumped after a sync or refresh: the card, the list and the detail read again.
  const [version, setVersion] = useState(0);
  const { value } = useAsync(
    () => api.getApplications(getCompoundEntityRef(entity)),
    [api, entity, version],
  );
  const [selected, setSelected] = useState<string>();
  const applications = [...(value?.applications ?? [])].sort(byEnvironment);
  const app =
    applications.find(a => `${a.instance}/${a.name}` === selected) ??
    applications[0];
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <ArgoCdOverviewCard reloadKey={version} />
      </Grid>
      {app && (
        <Grid item xs={12}>
          <TextField
            select
            label="Application"
            size="small"
            value={`${app.instance}/${app.name}`}
            onChange={event => setSelected(event.target.value)}
          >
            {applications.map(a => (
              <MenuItem
                key={`${a.instance}/${a.name}`}
                value={`${a.instance}/${a.name}`}
              >
                {a.environment ? `${a.environment}: ` : ''}
                {a.name} ({a.instance})
              </MenuItem>
            ))}
          </TextField>
        </Grid>
      )}
      {app && (
        <Grid item xs={12}>
          <ApplicationDetail
            key={`${app.instance}/${app.name}`}
            app={app}
            version={version}
            onChange={() => setVersion(v => v + 1)}
          />
        </Grid>
      )}
    </Grid>
  );
}
