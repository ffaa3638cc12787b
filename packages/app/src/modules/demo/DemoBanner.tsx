import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import { useState } from 'react';

/** Where a dismissal is remembered, for the browser tab's session. */
const DISMISSED_KEY = 'forja.demo-banner.dismissed';

/**
 * Says, on every page of `./forja start --demo`, that the upstreams are local simulators;
 * nothing shows otherwise (`forja.demo` unset). It floats over the page's corner without
 * taking clicks (what lies under it stays usable), and can be closed for the session.
 */
export const DemoBanner = () => {
  const config = useApi(configApiRef);
  const [dismissed, setDismissed] = useState(
    () => window.sessionStorage.getItem(DISMISSED_KEY) === 'true',
  );
  if (!config.getOptionalBoolean('forja.demo') || dismissed) return null;
  return (
    <Alert
      severity="info"
      variant="filled"
      role="status"
      onClose={() => {
        window.sessionStorage.setItem(DISMISSED_KEY, 'true');
        setDismissed(true);
      }}
      closeText="Hide the demo notice"
      sx={{
        position: 'fixed',
        bottom: 16,
        right: 16,
        zIndex: theme => theme.zIndex.snackbar,
        maxWidth: 420,
        opacity: 0.95,
        pointerEvents: 'none',
        '& .MuiAlert-action': { pointerEvents: 'auto' },
      }}
    >
      Demo: Argo CD, Grafana, GitHub and the Kubernetes cluster are local
      simulators seeded with the video system's story; nothing here reaches a
      real system.
    </Alert>
  );
};
