import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  GRAFANA_TIME_RANGES,
  GrafanaTimeRange,
} from '@forja/plugin-grafana-common';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { grafanaApiRef } from '../api';
import { PanelView } from './PanelView';
import { SourceCard } from './SourceCard';

/** The entity's Grafana panels drawn from their data, with a time range picker. */
export function GrafanaPanelsContent() {
  const { entity } = useEntity();
  const api = useApi(grafanaApiRef);
  const [range, setRange] = useState<GrafanaTimeRange>('6h');
  const [embed, setEmbed] = useState(false);
  const state = useAsync(
    () => api.getPanels(getCompoundEntityRef(entity), range),
    [api, entity, range],
  );
  const embeddable = state.value?.panels.some(p => p.embedUrl);
  const picker = (
    <Stack direction="row" spacing={2} alignItems="center">
      {embeddable && (
        <FormControlLabel
          control={
            <Switch checked={embed} onChange={(_, on) => setEmbed(on)} />
          }
          label="Grafana's own rendering"
        />
      )}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={range}
        aria-label="time range"
        onChange={(_, next) => next && setRange(next)}
      >
        {GRAFANA_TIME_RANGES.map(r => (
          <ToggleButton key={r} value={r}>
            {r}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
  return (
    <SourceCard title="Grafana panels" action={picker} {...state}>
      {value =>
        value.panels.length === 0 ? (
          <Typography variant="body2">
            Name panels with forja.dev/grafana-panels (dashboard uid:panel id)
            or an overview dashboard with grafana/overview-dashboard.
          </Typography>
        ) : (
          <Grid container spacing={2}>
            {value.panels.map(panel => (
              <Grid
                item
                xs={12}
                md={
                  panel.kind === 'timeseries' || panel.kind === 'table' ? 12 : 6
                }
                lg={
                  panel.kind === 'timeseries' || panel.kind === 'table' ? 6 : 3
                }
                key={`${panel.dashboardUid}/${panel.panelId}`}
              >
                <Paper
                  variant="outlined"
                  sx={{ p: 1.5 }}
                  component="figure"
                  aria-label={panel.title}
                  style={{ margin: 0 }}
                >
                  <Stack
                    direction="row"
                    justifyContent="space-between"
                    alignItems="baseline"
                  >
                    <Typography variant="subtitle2" component="figcaption">
                      {panel.title}
                    </Typography>
                    <Link to={panel.url}>Open in Grafana</Link>
                  </Stack>
                  <PanelView panel={panel} embed={embed} />
                </Paper>
              </Grid>
            ))}
          </Grid>
        )
      }
    </SourceCard>
  );
}
