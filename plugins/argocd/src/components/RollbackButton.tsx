import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { overviewPromotePermission } from '@forja/plugin-overview-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { argoCdApiRef } from '../api';

/** Revisions a rollback can name: a Git commit of the environment's repository. */
export const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Rolls `environment` back to what it ran at `revision` the GitOps way: a pull request
 * setting the overlay's image tag back (Argo CD's own rollback is undone by the next
 * automated sync). Shown to users holding the promote permission on the entity.
 */
export function RollbackButton(props: {
  environment: string;
  revision: string;
}) {
  const { entity } = useEntity();
  const api = useApi(argoCdApiRef);
  const { allowed } = usePermission({
    permission: overviewPromotePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [confirming, setConfirming] = useState(false);
  const [state, run] = useAsyncFn(
    () =>
      api.rollback(
        getCompoundEntityRef(entity),
        props.environment,
        props.revision,
      ),
    [api, entity, props.environment, props.revision],
  );
  if (!allowed) return null;
  const short = props.revision.slice(0, 7);
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Button
        size="small"
        variant="outlined"
        aria-label={`Roll back ${props.environment} to ${short}`}
        disabled={state.loading}
        onClick={() => setConfirming(true)}
      >
        Roll back
      </Button>
      {state.value && (
        <Alert severity="success">
          {state.value.created ? 'Opened' : 'Already open'}:{' '}
          <Link to={state.value.pullRequestUrl}>
            {state.value.branch} ({state.value.tag})
          </Link>
        </Alert>
      )}
      {state.error && (
        <Alert severity="error">
          {/* The backend's reason (a ResponseError's body), else the error itself. */}
          {(state.error as { body?: { error?: { message?: string } } }).body
            ?.error?.message ?? state.error.message}
        </Alert>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>
          Roll {props.environment} back to {short}?
        </DialogTitle>
        <DialogContent>
          Forja opens a pull request in the service's repository setting the{' '}
          {props.environment} overlay back to the image tag it declared at{' '}
          {short}. Argo CD deploys it once the pull request is merged.
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={() => {
              setConfirming(false);
              run();
            }}
          >
            Open pull request
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
