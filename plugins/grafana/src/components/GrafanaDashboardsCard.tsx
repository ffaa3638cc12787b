import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { grafanaApiRef } from '../api';
import { SourceCard } from './SourceCard';

/** The entity's dashboards (grafana/dashboard-selector, evaluated by the backend). */
export function GrafanaDashboardsCard() {
  const { entity } = useEntity();
  const api = useApi(grafanaApiRef);
  const state = useAsync(
    () => api.getDashboards(getCompoundEntityRef(entity)),
    [api, entity],
  );
  return (
    <SourceCard title="Grafana dashboards" {...state}>
      {value =>
        value.dashboards.length === 0 ? (
          <Typography variant="body2">
            No dashboard of the {value.searched} in Grafana matches this
            entity's selector.
          </Typography>
        ) : (
          <List dense aria-label="Grafana dashboards">
            {value.dashboards.map(d => (
              <ListItem key={d.uid} disableGutters>
                <ListItemText
                  primary={<Link to={d.url}>{d.title}</Link>}
                  secondary={
                    <>
                      {d.folderTitle}
                      {d.tags.map(tag => (
                        <Chip
                          key={tag}
                          label={tag}
                          size="small"
                          sx={{ ml: 0.5 }}
                        />
                      ))}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        )
      }
    </SourceCard>
  );
}
