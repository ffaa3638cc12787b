import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { DataAge, UpstreamProblem } from '@forja/plugin-forja-react';
import { GrafanaSource } from '@forja/plugin-grafana-common';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { ReactNode } from 'react';

/** Not configured: how to add a host, with the token kept in the backend. */
export function GrafanaSetupHint() {
  return (
    <Alert severity="info" title="Grafana is not configured">
      This entity has Grafana annotations, but the backend has no Grafana host.
      Add <code>grafana.domain</code> and <code>grafana.token</code> (or{' '}
      <code>grafana.hosts</code>) to app-config; the token stays in the backend.
    </Alert>
  );
}

/**
 * A Grafana card's frame: loading, a request error, the setup hint, or the host's problem
 * and the data's age around `children`. A failing Grafana degrades this card only.
 */
export function SourceCard<T extends GrafanaSource>(props: {
  title: string;
  loading: boolean;
  error?: Error;
  value?: T;
  action?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value } = props;
  let body: ReactNode;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && !value.configured) body = <GrafanaSetupHint />;
  else if (value) {
    body = (
      <Stack spacing={1}>
        <UpstreamProblem
          source="Grafana"
          status={value.status}
          message={value.message}
        />
        {value.status === 'ok' && props.children(value)}
        <DataAge source="Grafana" fetchedAt={value.fetchedAt} />
      </Stack>
    );
  }
  return (
    <InfoCard title={props.title} action={props.action}>
      {body}
    </InfoCard>
  );
}
