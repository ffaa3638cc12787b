import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ApplicationSummary, ResourceDiff } from '@forja/plugin-argocd-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha, Theme } from '@mui/material/styles';
import useAsync from 'react-use/esm/useAsync';
import { argoCdApiRef } from '../api';

/** Removed lines (live) red, added lines (desired) green, the rest plain. */
function lineBackground(line: string, theme: Theme) {
  if (line.startsWith('-')) return alpha(theme.palette.error.main, 0.15);
  if (line.startsWith('+')) return alpha(theme.palette.success.main, 0.15);
  return 'transparent';
}

const resourceName = (r: ResourceDiff) =>
  `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** One resource's unified diff: removed lines (live) red, added lines (desired) green. */
function DiffText(props: { resource: ResourceDiff }) {
  const { resource } = props;
  if (resource.error) return <Alert severity="warning">{resource.error}</Alert>;
  if (!resource.diff)
    return (
      <Typography variant="body2" color="text.secondary">
        Differs only in fields Argo CD compares and this view leaves out
        (status, managed fields).
      </Typography>
    );
  return (
    <Box
      component="pre"
      aria-label={`diff of ${resourceName(resource)}`}
      sx={{
        m: 0,
        p: 1,
        overflowX: 'auto',
        fontFamily: 'monospace',
        fontSize: 12,
        bgcolor: 'background.default',
        borderRadius: 1,
      }}
    >
      {resource.diff.split('\n').map((line, i) => (
        <Box
          component="span"
          key={i}
          sx={theme => ({
            display: 'block',
            whiteSpace: 'pre',
            color: line.startsWith('@@') ? 'text.secondary' : 'text.primary',
            bgcolor: lineBackground(line, theme),
          })}
        >
          {line}
        </Box>
      ))}
      {resource.truncated && (
        <Box
          component="span"
          sx={{ display: 'block', color: 'text.secondary' }}
        >
          … (cut at its limit)
        </Box>
      )}
    </Box>
  );
}

/**
 * Why an application is out of sync: each managed resource that differs, live (−)
 * against what a sync would make of it (+).
 */
export function ResourceDiffs(props: {
  app: ApplicationSummary;
  version: number;
}) {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.getDiff(
        getCompoundEntityRef(entity),
        props.app.instance,
        props.app.name,
      ),
    [api, entity, props.app.instance, props.app.name, props.version],
  );
  return (
    <InfoCard title="Out of sync: live (−) against Git (+)">
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <Stack spacing={2}>
          {value.resources.length === 0 && (
            <Typography variant="body2">
              No managed resource differs from Git now.
            </Typography>
          )}
          {value.resources.map(resource => (
            <Stack
              key={`${resource.group}/${resource.kind}/${resource.namespace}/${resource.name}`}
              spacing={1}
            >
              <Typography variant="subtitle2">
                {resourceName(resource)}
              </Typography>
              <DiffText resource={resource} />
            </Stack>
          ))}
          <Typography variant="body2" color="text.secondary">
            {value.unchanged} other managed resource
            {value.unchanged === 1 ? '' : 's'} in sync
            {value.omitted ? `; ${value.omitted} more differ, not shown` : ''}.
            Secrets' values are never shown.
          </Typography>
        </Stack>
      )}
    </InfoCard>
  );
}
