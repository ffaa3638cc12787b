import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ActualCostSourceStatus,
  EntityActualCostResponse,
} from '@forja/plugin-cost-common';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api';
import { usd } from './format';
import { MonthlyTrend } from './MonthlyTrend';

const SOURCE_NAMES: Record<ActualCostSourceStatus['source'], string> = {
  opencost: 'OpenCost',
  aws: 'AWS Cost Explorer',
  azure: 'Azure Cost Management',
  gcp: 'GCP billing export',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Per source that is not configured: the config keys that connect it. */
function HowToConnect(props: { sources: ActualCostSourceStatus[] }) {
  const missing = props.sources.filter(s => s.status === 'not-configured');
  if (!missing.length) return null;
  return (
    <Stack spacing={0.5} aria-label="how to connect">
      <Typography variant="subtitle2">
        Connect a source in the backend's app-config (credentials stay there):
      </Typography>
      {missing.map(s => (
        <Typography key={s.source} variant="body2" color="text.secondary">
          <strong>{SOURCE_NAMES[s.source]}</strong>: {s.connect?.description}{' '}
          <code>{s.connect?.configKeys.join(', ')}</code>
        </Typography>
      ))}
    </Stack>
  );
}

function Body({ value }: { value: EntityActualCostResponse }) {
  const answering = value.sources.filter(s => s.status === 'ok');
  const failing = value.sources.filter(
    s => s.status === 'unavailable' || s.status === 'credentials-rejected',
  );
  return (
    <Stack spacing={1.5}>
      {failing.map(s => (
        <Alert key={s.source} severity="warning">
          {SOURCE_NAMES[s.source]}: {s.message}
        </Alert>
      ))}
      {answering.length > 0 && (
        <>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            {answering.map(s => (
              <Chip
                key={s.source}
                size="small"
                variant="outlined"
                label={`${SOURCE_NAMES[s.source]}${
                  s.fetchedAt ? `, read ${s.fetchedAt.slice(0, 10)}` : ''
                }`}
              />
            ))}
          </Stack>
          <Table size="small" aria-label="estimate vs actual">
            <TableHead>
              <TableRow>
                <TableCell>Environment</TableCell>
                <TableCell align="right">Estimate</TableCell>
                <TableCell align="right">
                  Actual (
                  {value.environments[0]?.lastMonth.month ?? 'last month'})
                </TableCell>
                <TableCell>Drift</TableCell>
                <TableCell>
                  Last {value.environments[0]?.months.length ?? 0} months
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.environments.map(env => (
                <TableRow key={env.environment}>
                  <TableCell>{env.environment}</TableCell>
                  <TableCell align="right">
                    {env.estimate === undefined ? '—' : usd(env.estimate)}
                  </TableCell>
                  <TableCell
                    align="right"
                    aria-label={`${env.environment} actual`}
                  >
                    {env.lastMonth.actual === null
                      ? '—'
                      : usd(env.lastMonth.actual)}
                  </TableCell>
                  <TableCell>
                    {env.drift ? (
                      <Chip
                        size="small"
                        color={env.drift.exceeded ? 'warning' : 'default'}
                        label={`${env.drift.exceeded ? 'drifts ' : ''}${percent(
                          env.drift.share,
                        )}`}
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    <MonthlyTrend
                      environment={env.environment}
                      months={env.months}
                      estimate={env.estimate}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {value.drifting && (
            <Alert severity="warning">
              Actual spend differs from the estimate by more than{' '}
              {percent(value.driftShare)} in{' '}
              {value.environments
                .filter(e => e.drift?.exceeded)
                .map(e => e.environment)
                .join(', ')}
              .
            </Alert>
          )}
        </>
      )}
      <Typography variant="caption" color="text.secondary">
        Spend is found by the tag or label forja.dev/entity = {value.tagValue}{' '}
        (forja-dev-entity on Azure and GCP) and its environment tag, as Forja's
        templates write them.
      </Typography>
      <HowToConnect sources={value.sources} />
    </Stack>
  );
}

/** The estimate beside what the entity actually cost, per environment. */
export function EntityActualCostCard() {
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  const { loading, error, value } = useAsync(
    () => api.getEntityActualCost(getCompoundEntityRef(entity)),
    [api, entity],
  );
  let body = null;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) body = <Body value={value} />;
  return (
    <InfoCard
      title="Estimate vs actual"
      subheader="The last full month's bill beside the estimate"
    >
      {body}
    </InfoCard>
  );
}
