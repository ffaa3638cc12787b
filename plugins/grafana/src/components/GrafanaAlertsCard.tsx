import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { relativeTime } from '@forja/plugin-forja-react';
import { AlertState } from '@forja/plugin-grafana-common';
import Chip, { ChipProps } from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { grafanaApiRef } from '../api';
import { SourceCard } from './SourceCard';

const STATE_COLOR: Record<AlertState, ChipProps['color']> = {
  firing: 'error',
  pending: 'warning',
  error: 'error',
  nodata: 'default',
  recovering: 'info',
  inactive: 'success',
};

/** Alert rules matching grafana/alert-label-selector, firing first. */
export function GrafanaAlertsCard() {
  const { entity } = useEntity();
  const api = useApi(grafanaApiRef);
  const state = useAsync(
    () => api.getAlerts(getCompoundEntityRef(entity)),
    [api, entity],
  );
  return (
    <SourceCard title="Grafana alerts" {...state}>
      {value =>
        value.alerts.length === 0 ? (
          <Typography variant="body2">
            No alert rule matches this entity's labels.
          </Typography>
        ) : (
          <Table size="small" aria-label="Grafana alerts">
            <TableHead>
              <TableRow>
                <TableCell>State</TableCell>
                <TableCell>Rule</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Since</TableCell>
                <TableCell>Runbook</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.alerts.map(alert => (
                <TableRow key={`${alert.folder}/${alert.group}/${alert.name}`}>
                  <TableCell>
                    <Chip
                      key={alert.state}
                      size="small"
                      label={alert.state}
                      color={STATE_COLOR[alert.state]}
                    />
                  </TableCell>
                  <TableCell>
                    <Link to={alert.url}>{alert.name}</Link>
                    {alert.summary && (
                      <Typography variant="caption" display="block">
                        {alert.summary}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{alert.severity ?? '—'}</TableCell>
                  <TableCell>{relativeTime(alert.activeAt)}</TableCell>
                  <TableCell>
                    {alert.runbookUrl ? (
                      <Link to={alert.runbookUrl}>Runbook</Link>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </SourceCard>
  );
}
