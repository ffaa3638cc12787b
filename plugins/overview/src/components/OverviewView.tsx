import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { relativeTime } from '@forja/plugin-forja-react';
import {
  cellStates,
  OverviewResponse,
  OverviewRow,
  OverviewSourceStatus,
  rowStates,
  TROUBLE_STATES,
} from '@forja/plugin-overview-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { OverviewFilters, overviewApiRef } from '../api';
import {
  AlertsPart,
  ArgoCdPart,
  cellAge,
  CostPart,
  FiringAlerts,
  KubernetesPart,
} from './parts';

const FILTERS = ['owner', 'system', 'environment', 'state'] as const;
const FIRST_ROWS = 20;
const REFRESH_MS = 30_000;
/** A source served stale is being re-read: ask again soon for the fresh answer. */
const STALE_REFRESH_MS = 5_000;
/** A source still on its first read (a cold start): its answer is moments away. */
const PENDING_REFRESH_MS = 1_000;
/** No component yet (a fresh start: the catalog still reading its locations). */
const EMPTY_REFRESH_MS = 2_000;

const SOURCE_NAMES: Record<string, string> = {
  argocd: 'Argo CD',
  kubernetes: 'Kubernetes',
  grafana: 'Grafana',
  cost: 'Cost',
};

const STATE_TONE = {
  firing: 'error',
  degraded: 'error',
  'out-of-sync': 'warning',
  unknown: 'default',
  'no-data': 'default',
  healthy: 'success',
} as const;

function SourceStrip(props: {
  sources: OverviewSourceStatus[];
  generatedAt: string;
}) {
  const failed = props.sources.filter(s => s.state === 'failed');
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        {props.sources.map(s => (
          <Chip
            key={s.source}
            size="small"
            variant="outlined"
            data-testid={`source-${s.source}`}
            color={
              {
                ok: 'success',
                stale: 'warning',
                pending: 'info',
                failed: 'error',
                'not-configured': 'default',
              }[s.state] as 'success'
            }
            label={`${SOURCE_NAMES[s.source]}: ${s.state.replace('-', ' ')}${
              s.fetchedAt ? ` · ${relativeTime(s.fetchedAt)}` : ''
            }`}
          />
        ))}
        <Typography variant="caption" color="text.secondary">
          Assembled {relativeTime(props.generatedAt)}
        </Typography>
      </Stack>
      {failed.map(s => (
        <Alert key={s.source} severity="warning">
          {SOURCE_NAMES[s.source]} did not answer: {s.message}. Its cells say
          so; the others are current.
        </Alert>
      ))}
    </Stack>
  );
}

function FilterBar(props: {
  value: OverviewFilters;
  onChange: (next: OverviewFilters) => void;
  overview: OverviewResponse;
}) {
  const { value, onChange, overview } = props;
  const options: Record<(typeof FILTERS)[number], string[]> = {
    owner: overview.facets.owners,
    system: overview.facets.systems,
    environment: overview.environments,
    state: [...TROUBLE_STATES],
  };
  return (
    <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
      {FILTERS.map(name => {
        const choices = [
          ...new Set([
            ...options[name],
            ...(value[name] ? [value[name]!] : []),
          ]),
        ];
        return (
          <TextField
            key={name}
            select
            size="small"
            label={name[0].toUpperCase() + name.slice(1)}
            value={value[name] ?? ''}
            onChange={e =>
              onChange({ ...value, [name]: e.target.value || undefined })
            }
            sx={{ minWidth: 180 }}
            inputProps={{ 'data-testid': `filter-${name}` }}
          >
            <MenuItem value="">Any</MenuItem>
            {choices.map(choice => (
              <MenuItem key={choice} value={choice}>
                {choice}
              </MenuItem>
            ))}
          </TextField>
        );
      })}
    </Stack>
  );
}

function OverviewTableRow(props: { row: OverviewRow; environments: string[] }) {
  const { row, environments } = props;
  const states = rowStates(row);
  return (
    <TableRow
      data-testid="overview-row"
      data-entity-ref={row.entityRef}
      data-states={states.join(' ')}
    >
      <TableCell sx={{ verticalAlign: 'top' }}>
        <Stack spacing={0.5}>
          <EntityRefLink entityRef={row.entityRef} title={row.title} />
          <Stack direction="row" spacing={0.5} flexWrap="wrap">
            {states.map(s => (
              <Chip key={s} size="small" label={s} color={STATE_TONE[s]} />
            ))}
          </Stack>
          {row.owner && (
            <Typography variant="caption" color="text.secondary">
              {row.owner.replace(/^group:default\//, '')}
            </Typography>
          )}
          <FiringAlerts firing={row.unplacedAlerts} />
        </Stack>
      </TableCell>
      {environments.map(env => {
        const cell = row.cells.find(c => c.environment === env);
        if (!cell) {
          return (
            <TableCell key={env} sx={{ verticalAlign: 'top' }}>
              <Typography variant="caption" color="text.secondary">
                not deployed
              </Typography>
            </TableCell>
          );
        }
        return (
          <TableCell
            key={env}
            sx={{ verticalAlign: 'top' }}
            data-testid="overview-cell"
            data-environment={env}
            data-states={cellStates(cell).join(' ')}
          >
            <Stack spacing={0.5}>
              <ArgoCdPart part={cell.argocd} />
              <KubernetesPart part={cell.kubernetes} />
              <AlertsPart part={cell.alerts} />
              <CostPart part={cell.cost} />
              <Typography
                variant="caption"
                color="text.secondary"
                data-testid="cell-age"
              >
                read {relativeTime(cellAge(cell))}
              </Typography>
            </Stack>
          </TableCell>
        );
      })}
    </TableRow>
  );
}

/**
 * The overview of the portal or of one system or group: filters kept in the URL, the
 * sources' state, and a row per component, trouble first. Refreshed every 30 s.
 */
export function OverviewView(props: { entity?: CompoundEntityRef }) {
  const api = useApi(overviewApiRef);
  const [params, setParams] = useSearchParams();
  const filters: OverviewFilters = Object.fromEntries(
    FILTERS.flatMap(f => (params.get(f) ? [[f, params.get(f)!]] : [])),
  );
  // The first screen asks for the first rows only; "show all" asks for the rest.
  const [showAll, setShowAll] = useState(false);
  const key = JSON.stringify(filters);
  const state = useAsyncRetry(
    () =>
      api.getOverview(
        showAll ? filters : { ...filters, limit: FIRST_ROWS },
        props.entity,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filters are keyed by their JSON
    [
      api,
      key,
      showAll,
      props.entity?.kind,
      props.entity?.namespace,
      props.entity?.name,
    ],
  );
  const { retry, loading } = state;
  const sourceStates = new Set(state.value?.sources.map(s => s.state));
  let refreshMs = REFRESH_MS;
  if (sourceStates.has('pending')) refreshMs = PENDING_REFRESH_MS;
  else if (state.value?.total === 0) refreshMs = EMPTY_REFRESH_MS;
  else if (sourceStates.has('stale')) refreshMs = STALE_REFRESH_MS;
  useEffect(() => {
    if (loading) return undefined;
    const timer = setTimeout(retry, refreshMs);
    return () => clearTimeout(timer);
  }, [retry, loading, refreshMs]);

  const setFilters = (next: OverviewFilters) => {
    const search = new URLSearchParams(params);
    for (const f of FILTERS) {
      if (next[f]) search.set(f, next[f]!);
      else search.delete(f);
    }
    setParams(search, { replace: true });
  };

  if (!state.value) {
    if (state.error) return <ResponseErrorPanel error={state.error} />;
    return <Progress />;
  }
  const overview = state.value;
  return (
    <Stack spacing={2}>
      <FilterBar value={filters} onChange={setFilters} overview={overview} />
      <SourceStrip
        sources={overview.sources}
        generatedAt={overview.generatedAt}
      />
      {state.error && (
        <Alert severity="warning">
          Refresh failed: {state.error.message}; showing the last overview.
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        {overview.matching} of {overview.total} components
        {overview.rows.length < overview.matching
          ? `, the first ${overview.rows.length} shown`
          : ''}
      </Typography>
      <Table size="small" aria-label="on-call overview">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            {overview.environments.map(env => (
              <TableCell key={env}>{env}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {overview.rows.map(row => (
            <OverviewTableRow
              key={row.entityRef}
              row={row}
              environments={overview.environments}
            />
          ))}
        </TableBody>
      </Table>
      {overview.rows.length < overview.matching && (
        <Button onClick={() => setShowAll(true)} disabled={state.loading}>
          Show the other {overview.matching - overview.rows.length}
        </Button>
      )}
    </Stack>
  );
}
