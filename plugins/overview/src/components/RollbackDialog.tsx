import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { HistoryEntry } from '@forja/plugin-argocd-common';
import { relativeTime } from '@forja/plugin-forja-react';
import {
  ArgoCdCellValue,
  RollbackResponse,
} from '@forja/plugin-overview-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { DeploymentHistory, overviewApiRef } from '../api';

/** Revisions a rollback can name: a Git commit of the environment's repository. */
const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

type Applications = ArgoCdCellValue['applications'];

/**
 * The earlier deployments of an environment's applications, newest first: one per commit,
 * without what runs now and without revisions that are no commit (a Helm chart version).
 * What runs now is Argo CD's answer read with the history, never the card's cell, which
 * may be from before the last sync.
 */
export function earlierDeployments(
  deployments: DeploymentHistory[],
): HistoryEntry[] {
  const running = new Set(deployments.map(d => d.revision));
  const seen = new Set<string>();
  return deployments
    .flatMap(d => d.history)
    .filter(entry => entry.revision && COMMIT_SHA.test(entry.revision))
    .sort((a, b) => (b.deployedAt ?? '').localeCompare(a.deployedAt ?? ''))
    .filter(entry => {
      if (running.has(entry.revision) || seen.has(entry.revision!))
        return false;
      seen.add(entry.revision!);
      return true;
    });
}

const errorMessage = (error: Error) =>
  // The backend's reason (a ResponseError's body), else the error itself.
  (error as { body?: { error?: { message?: string } } }).body?.error?.message ??
  error.message;

/**
 * Picks an earlier deployed revision of `environment` and opens the pull request setting
 * its overlay back to the image tag it declared then. Mounted when opened: the history is
 * read from Argo CD only then, never when the card renders.
 */
export function RollbackDialog(props: {
  entity: CompoundEntityRef;
  environment: string;
  applications: Applications;
  onClose: () => void;
  onRolledBack: (response: RollbackResponse) => void;
}) {
  const api = useApi(overviewApiRef);
  const { entity, environment, applications } = props;
  const history = useAsync(
    async () =>
      earlierDeployments(
        await Promise.all(
          applications.map(a =>
            api.getDeploymentHistory(entity, a.instance, a.name),
          ),
        ),
      ),
    // Read again only when what runs changes, not on each reload of the card.
    [
      api,
      entity.kind,
      entity.namespace,
      entity.name,
      applications.map(a => `${a.instance}/${a.name}@${a.revision}`).join(),
    ],
  );
  const [revision, setRevision] = useState<string>();
  const [rollback, run] = useAsyncFn(async () => {
    const response = await api.rollback(entity, environment, revision!);
    props.onRolledBack(response);
    return response;
  }, [api, entity, environment, revision]);

  let body;
  if (history.loading) body = <Progress />;
  else if (history.error)
    body = <Alert severity="error">{errorMessage(history.error)}</Alert>;
  else if (!history.value?.length)
    body = (
      <Typography>
        Argo CD has no earlier deployment of {environment} to go back to.
      </Typography>
    );
  else
    body = (
      <RadioGroup
        aria-label={`Earlier deployments of ${environment}`}
        value={revision ?? ''}
        onChange={event => setRevision(event.target.value)}
      >
        {history.value.map(entry => (
          <FormControlLabel
            key={entry.revision}
            value={entry.revision}
            control={<Radio size="small" />}
            label={
              <span>
                <code>{entry.revision!.slice(0, 7)}</code>{' '}
                {entry.revisionMetadata?.message?.split('\n')[0]}
                {entry.deployedAt && (
                  <Typography
                    component="span"
                    variant="caption"
                    color="text.secondary"
                  >
                    {' '}
                    deployed {relativeTime(entry.deployedAt)}
                  </Typography>
                )}
              </span>
            }
          />
        ))}
      </RadioGroup>
    );

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Roll {environment} back</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Forja opens a pull request in the service's repository setting the{' '}
          {environment} overlay back to the image tag it declared at the
          revision you pick. Argo CD deploys it once the pull request is merged.
        </Typography>
        {body}
        {rollback.error && (
          <Alert severity="error">{errorMessage(rollback.error)}</Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!revision || rollback.loading}
          onClick={() => run()}
        >
          Open pull request
        </Button>
      </DialogActions>
    </Dialog>
  );
}
