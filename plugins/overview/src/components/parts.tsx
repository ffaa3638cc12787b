import { relativeTime, usd } from '@forja/plugin-forja-react';
import {
  AlertsCellValue,
  ArgoCdCellValue,
  CellPart,
  CostCellValue,
  KubernetesCellValue,
  OverviewCell,
} from '@forja/plugin-overview-common';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';

type Tone = 'success' | 'warning' | 'error' | 'default' | 'info';

const SYNC_TONE: Record<string, Tone> = {
  Synced: 'success',
  OutOfSync: 'warning',
};
const HEALTH_TONE: Record<string, Tone> = {
  Healthy: 'success',
  Progressing: 'info',
  Degraded: 'error',
  Missing: 'error',
  Suspended: 'default',
};

/** What a source part says when it has no value to show: failed, pending, forbidden, nothing. */
function PartStatus(props: { label: string; part: CellPart<unknown> }) {
  const { label, part } = props;
  if (part.state === 'failed') {
    return (
      <Typography
        variant="caption"
        color="error"
        title={part.message}
        data-part-state="failed"
      >
        {label}: unavailable
      </Typography>
    );
  }
  if (part.state === 'pending') {
    return (
      <Typography
        variant="caption"
        color="text.secondary"
        title={`${label} is being read for the first time`}
        data-part-state="pending"
      >
        {label}: reading…
      </Typography>
    );
  }
  if (part.state === 'forbidden') {
    return (
      <Typography
        variant="caption"
        color="text.secondary"
        data-part-state="forbidden"
      >
        {label}: no access
      </Typography>
    );
  }
  return null;
}

function Part<T>(props: {
  label: string;
  part: CellPart<T>;
  children: (value: T) => ReactNode;
}) {
  const { part, label } = props;
  if (part.value === undefined) return <PartStatus label={label} part={part} />;
  return (
    <span data-part-state={part.state}>
      {props.children(part.value)}
      {part.state === 'stale' && (
        <Typography
          variant="caption"
          color="warning.main"
          title={`${label} read ${relativeTime(part.fetchedAt)}; refreshing`}
        >
          {' '}
          (stale)
        </Typography>
      )}
    </span>
  );
}

export function ArgoCdPart(props: { part: CellPart<ArgoCdCellValue> }) {
  return (
    <Part label="Argo CD" part={props.part}>
      {value => (
        <Stack spacing={0.5}>
          {value.applications.map(app => (
            <Stack
              key={`${app.instance}/${app.name}`}
              direction="row"
              spacing={0.5}
              alignItems="center"
              flexWrap="wrap"
            >
              <Chip
                size="small"
                label={app.syncStatus}
                color={SYNC_TONE[app.syncStatus] ?? 'default'}
              />
              <Chip
                size="small"
                label={app.healthStatus}
                color={HEALTH_TONE[app.healthStatus] ?? 'default'}
              />
              <Typography variant="caption" title={app.revision}>
                <Link href={app.url} target="_blank" rel="noopener">
                  {app.revision?.slice(0, 7) ?? app.name}
                </Link>
                {app.deployedAt ? ` · ${relativeTime(app.deployedAt)}` : ''}
              </Typography>
            </Stack>
          ))}
        </Stack>
      )}
    </Part>
  );
}

export function KubernetesPart(props: { part: CellPart<KubernetesCellValue> }) {
  return (
    <Part label="Pods" part={props.part}>
      {value => (
        <Typography
          variant="caption"
          color={value.ready < value.desired ? 'error' : 'text.primary'}
          title={value.workloads
            .map(
              w =>
                `${w.kind} ${w.cluster}/${w.namespace}/${
                  w.name
                }: ${w.images.join(', ')}`,
            )
            .join('\n')}
        >
          {value.ready}/{value.desired} pods ready
          {value.restarts ? ` · ${value.restarts} restarts` : ''}
        </Typography>
      )}
    </Part>
  );
}

export function FiringAlerts(props: { firing: AlertsCellValue['firing'] }) {
  if (!props.firing.length) return null;
  return (
    <Stack spacing={0.25}>
      {props.firing.map(alert => (
        <Typography
          key={alert.name}
          variant="caption"
          color="error"
          title={alert.summary}
        >
          <Link href={alert.url} target="_blank" rel="noopener" color="inherit">
            {alert.name}
          </Link>
          {alert.severity ? ` (${alert.severity})` : ''}
          {alert.activeAt ? ` since ${relativeTime(alert.activeAt)}` : ''}
        </Typography>
      ))}
    </Stack>
  );
}

export function AlertsPart(props: { part: CellPart<AlertsCellValue> }) {
  return (
    <Part label="Alerts" part={props.part}>
      {value =>
        value.firing.length ? (
          <FiringAlerts firing={value.firing} />
        ) : (
          <Typography variant="caption" color="text.secondary">
            no alerts firing
          </Typography>
        )
      }
    </Part>
  );
}

export function CostPart(props: { part: CellPart<CostCellValue> }) {
  return (
    <Part label="Cost" part={props.part}>
      {value => (
        <Typography variant="caption" color="text.secondary">
          {usd(value.monthlyCost)}/mo
        </Typography>
      )}
    </Part>
  );
}

/** The oldest read among a cell's parts: how old what the cell shows is. */
export function cellAge(cell: OverviewCell): string | undefined {
  return [cell.argocd, cell.kubernetes, cell.alerts, cell.cost]
    .map(p => p.fetchedAt)
    .filter((t): t is string => Boolean(t))
    .sort()[0];
}
