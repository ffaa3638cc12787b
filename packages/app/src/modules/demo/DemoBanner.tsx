import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';

/**
 * Says, on every page of `./forja start --demo`, that Argo CD, Grafana and the cluster are
 * local simulators; nothing shows otherwise (`forja.demo` unset).
 */
export const DemoBanner = () => {
  const config = useApi(configApiRef);
  if (!config.getOptionalBoolean('forja.demo')) return null;
  return (
    <Alert
      severity="info"
      variant="filled"
      role="status"
      sx={{
        position: 'fixed',
        bottom: 16,
        right: 16,
        zIndex: theme => theme.zIndex.snackbar,
        maxWidth: 420,
      }}
    >
      Demo: Argo CD, Grafana and the Kubernetes cluster are local simulators
      seeded with the video system's story; nothing here reaches a real system.
    </Alert>
  );
};
