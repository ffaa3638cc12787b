// What every Forja card shows besides its data: how old it is, and an upstream's problem.
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { relativeTime } from './format';

/** How old a card's data is: "Read from Grafana 2 min ago". */
export function DataAge(props: { source: string; fetchedAt?: string }) {
  if (!props.fetchedAt) return null;
  return (
    <Typography variant="caption" color="text.secondary">
      Read from {props.source} {relativeTime(props.fetchedAt)}
    </Typography>
  );
}

/** An upstream that did not answer, said as such (never shown as healthy). */
export function UpstreamProblem(props: {
  status: 'ok' | 'unavailable' | 'credentials-rejected';
  message?: string;
  source: string;
}) {
  if (props.status === 'ok') return null;
  return (
    <Alert severity="warning">
      {props.status === 'credentials-rejected'
        ? `${props.source}: credentials rejected`
        : `${props.source} unavailable`}
      {props.message ? ` — ${props.message}` : ''}
    </Alert>
  );
}
