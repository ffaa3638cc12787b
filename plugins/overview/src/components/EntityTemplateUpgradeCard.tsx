import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  TemplateUpgradeFile,
  TemplateUpgradeResponse,
} from '@forja/plugin-overview-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { overviewApiRef } from '../api';

/** A unified diff, one line per row: additions, removals and conflict markers coloured. */
function Diff(props: { text: string }) {
  const colour = (line: string) => {
    if (/^[+-]?(<{7}|={7}$|>{7})/.test(line)) return 'warning.main';
    if (line.startsWith('+')) return 'success.main';
    if (line.startsWith('-')) return 'error.main';
    if (line.startsWith('@@')) return 'info.main';
    return 'text.primary';
  };
  return (
    <Box
      component="pre"
      sx={{ m: 0, fontSize: 12, overflowX: 'auto', maxHeight: 320 }}
    >
      {props.text.split('\n').map((line, i) => (
        <Box component="div" key={i} sx={{ color: colour(line) }}>
          {line || ' '}
        </Box>
      ))}
    </Box>
  );
}

function FileRow(props: { file: TemplateUpgradeFile }) {
  const { file } = props;
  return (
    <Accordion disableGutters variant="outlined">
      <AccordionSummary aria-label={`${file.change} ${file.path}`}>
        <Stack direction="row" spacing={1} alignItems="center">
          <Chip size="small" label={file.change} />
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
            {file.path}
          </Typography>
          {file.conflict && (
            <Chip
              size="small"
              color="warning"
              label={`conflict: ${file.conflict}`}
            />
          )}
        </Stack>
      </AccordionSummary>
      <AccordionDetails>
        {file.diff ? (
          <Diff text={file.diff} />
        ) : (
          <Typography variant="caption" color="text.secondary">
            The repository's file is kept as it is.
          </Typography>
        )}
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * Whether the template that generated this component moved on: from which version to
 * which, what would change file by file (with conflicts), and the pull request that
 * upgrades the repository by a three-way merge.
 */
export function EntityTemplateUpgradeCard() {
  const { entity } = useEntity();
  const api = useApi(overviewApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getTemplateUpgrade(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const [opening, setOpening] = useState<{
    pending?: boolean;
    done?: TemplateUpgradeResponse;
    error?: string;
  }>({});

  const open = async () => {
    setOpening({ pending: true });
    try {
      const done = await api.upgradeTemplate(ref);
      setOpening({ done });
      state.retry();
    } catch (error) {
      setOpening({ error: (error as Error).message });
    }
  };

  let body: ReactNode;
  if (state.error) body = <ResponseErrorPanel error={state.error} />;
  else if (!state.value) body = <Progress />;
  else {
    const status = state.value;
    const pullRequestUrl =
      opening.done?.pullRequestUrl ?? status.pullRequestUrl;
    body = !status.upgradeAvailable ? (
      <Typography>
        Up to date with {status.template} v{status.to.version}.
      </Typography>
    ) : (
      <Stack spacing={1}>
        <Typography variant="h6" component="p">
          Upgrade available: {status.template} v{status.from.version} → v
          {status.to.version}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {status.files.length} file{status.files.length === 1 ? '' : 's'}{' '}
          change
          {status.conflicts
            ? `; ${status.conflicts} conflict${
                status.conflicts === 1 ? '' : 's'
              } to resolve in the pull request`
            : ''}
          . Changes the repository made are kept.
        </Typography>
        {status.conflicts > 0 && (
          <Alert severity="warning">
            Both the template and the repository changed{' '}
            {status.files
              .filter(f => f.conflict)
              .map(f => f.path)
              .join(', ')}
            : the pull request marks the conflicting lines.
          </Alert>
        )}
        <Box>
          {status.files.map(file => (
            <FileRow key={file.path} file={file} />
          ))}
        </Box>
        {opening.error && <Alert severity="error">{opening.error}</Alert>}
        {pullRequestUrl ? (
          <Alert severity="success">
            {opening.done?.created ? 'Opened' : 'Pull request open:'}{' '}
            <Link href={pullRequestUrl} target="_blank" rel="noopener">
              {pullRequestUrl}
            </Link>
          </Alert>
        ) : (
          <Tooltip title={status.blocked ?? ''}>
            <span>
              <Button
                variant="contained"
                disabled={Boolean(status.blocked) || opening.pending}
                onClick={open}
              >
                Open pull request
              </Button>
            </span>
          </Tooltip>
        )}
        {status.blocked && !pullRequestUrl && (
          <Typography variant="caption" color="text.secondary">
            {status.blocked}
          </Typography>
        )}
      </Stack>
    );
  }
  return <InfoCard title="Template upgrade">{body}</InfoCard>;
}
