import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  EntitySignal,
  entitySignalChannel,
  EnvironmentColumn,
  overviewPromotePermission,
  PromoteResponse,
  RollbackResponse,
} from '@forja/plugin-overview-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ReactNode, useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { overviewApiRef } from '../api';
import { ArgoCdPart, KubernetesPart } from './parts';
import { RollbackDialog } from './RollbackDialog';

const tagOf = (image: string) => image.slice(image.lastIndexOf(':') + 1);

function OverlayLines(props: { column: EnvironmentColumn }) {
  const { overlay } = props.column;
  if (overlay.state === 'failed')
    return (
      <Typography variant="caption" color="error">
        {overlay.message}
      </Typography>
    );
  if (!overlay.value)
    return (
      <Typography variant="caption" color="text.secondary">
        no overlay
      </Typography>
    );
  return (
    <Stack spacing={0.25}>
      {Object.entries(overlay.value.images).map(([key, image]) => (
        <Typography key={key} variant="caption" title={image}>
          {key.split('/')[0]}: <b>{tagOf(image)}</b>
        </Typography>
      ))}
      {Object.entries(overlay.value.replicas).map(([name, count]) => (
        <Typography key={name} variant="caption">
          {name}: {count} replicas
        </Typography>
      ))}
    </Stack>
  );
}

function Differences(props: { column: EnvironmentColumn; previous?: string }) {
  const { differences } = props.column;
  if (!props.previous)
    return (
      <Typography variant="caption" color="text.secondary">
        first environment
      </Typography>
    );
  if (!differences.length)
    return (
      <Typography variant="caption" color="text.secondary">
        same as {props.previous}
      </Typography>
    );
  return (
    <Stack spacing={0.25} data-testid="environment-differences">
      {differences.map(d => (
        <Typography key={`${d.kind}:${d.key}`} variant="caption">
          {d.kind} {d.key}: {d.previous ?? '(none)'} → {d.current ?? '(none)'}
        </Typography>
      ))}
    </Stack>
  );
}

/** The Argo CD applications deployed to an environment: what a rollback reads history of. */
const deployedApplications = (column: EnvironmentColumn) =>
  column.argocd.value?.applications.filter(a => a.revision) ?? [];

/**
 * dev → staging → prod: what runs where, what differs, and the promotion and rollback
 * pull requests.
 */
export function EntityEnvironmentsCard() {
  const { entity } = useEntity();
  const api = useApi(overviewApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEnvironments(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  // Read again when the backend signals a change (an episode, a pull request merged).
  const { lastSignal } = useSignal<EntitySignal>(
    entitySignalChannel(stringifyEntityRef(entity)),
  );
  // The latest retry (its identity changes as it loads), called once per signal.
  const retry = useRef(state.retry);
  retry.current = state.retry;
  useEffect(() => {
    if (lastSignal) retry.current();
  }, [lastSignal]);
  const [promotion, setPromotion] = useState<{
    pending?: string;
    done?: PromoteResponse;
    error?: string;
  }>({});
  // Rollback has promotion's rule: the backend checks the same permission again.
  const { allowed: mayRollBack } = usePermission({
    permission: overviewPromotePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [rollingBack, setRollingBack] = useState<EnvironmentColumn>();
  const [rolledBack, setRolledBack] = useState<RollbackResponse>();

  const promote = async (environment: string) => {
    setPromotion({ pending: environment });
    try {
      const done = await api.promote(ref, environment);
      setPromotion({ done });
      window.open(done.pullRequestUrl, '_blank', 'noopener');
    } catch (error) {
      setPromotion({ error: (error as Error).message });
    }
  };

  let body: ReactNode;
  if (state.error) body = <ResponseErrorPanel error={state.error} />;
  else if (!state.value) body = <Progress />;
  else {
    const columns = state.value.environments;
    const row = (
      label: string,
      render: (c: EnvironmentColumn, i: number) => ReactNode,
    ) => (
      <TableRow>
        <TableCell
          component="th"
          sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}
        >
          {label}
        </TableCell>
        {columns.map((c, i) => (
          <TableCell key={c.environment} sx={{ verticalAlign: 'top' }}>
            {render(c, i)}
          </TableCell>
        ))}
      </TableRow>
    );
    body = (
      <Stack spacing={1}>
        {promotion.done && (
          <Alert severity="success">
            {promotion.done.created ? 'Opened' : 'Already open:'}{' '}
            <Link
              href={promotion.done.pullRequestUrl}
              target="_blank"
              rel="noopener"
            >
              {promotion.done.branch}
            </Link>{' '}
            moves {promotion.done.to} to {promotion.done.tag}.
          </Alert>
        )}
        {promotion.error && <Alert severity="error">{promotion.error}</Alert>}
        {rolledBack && (
          <Alert severity="success">
            {rolledBack.created ? 'Opened' : 'Already open:'}{' '}
            <Link
              href={rolledBack.pullRequestUrl}
              target="_blank"
              rel="noopener"
            >
              {rolledBack.branch}
            </Link>{' '}
            sets {rolledBack.environment} back to {rolledBack.tag}.
          </Alert>
        )}
        {rollingBack && (
          <RollbackDialog
            entity={ref}
            environment={rollingBack.environment}
            applications={deployedApplications(rollingBack)}
            onClose={() => setRollingBack(undefined)}
            onRolledBack={response => {
              setRollingBack(undefined);
              setRolledBack(response);
            }}
          />
        )}
        <Table size="small" aria-label="environments">
          <TableHead>
            <TableRow>
              <TableCell />
              {columns.map(c => (
                <TableCell key={c.environment}>{c.environment}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {row('Argo CD', c => (
              <ArgoCdPart part={c.argocd} />
            ))}
            {row('Pods', c => (
              <KubernetesPart part={c.kubernetes} />
            ))}
            {row('Overlay', c => (
              <OverlayLines column={c} />
            ))}
            {row('Differs', (c, i) => (
              <Differences column={c} previous={columns[i - 1]?.environment} />
            ))}
            {row('Promote', (c, i) =>
              c.promotable ? (
                <Button
                  size="small"
                  variant="outlined"
                  disabled={Boolean(promotion.pending)}
                  onClick={() => promote(c.environment)}
                >
                  Promote {columns[i - 1].environment} → {c.environment}
                </Button>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  {c.promoteBlockedReason}
                </Typography>
              ),
            )}
            {mayRollBack &&
              row('Roll back', c =>
                deployedApplications(c).length ? (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => setRollingBack(c)}
                  >
                    Roll back {c.environment}…
                  </Button>
                ) : (
                  <Typography variant="caption" color="text.secondary">
                    no Argo CD deployment
                  </Typography>
                ),
              )}
          </TableBody>
        </Table>
      </Stack>
    );
  }
  return <InfoCard title="Environments">{body}</InfoCard>;
}
