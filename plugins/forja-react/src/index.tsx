/**
 * What Forja's frontend plugins share.
 *
 * @packageDocumentation
 */
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';

export { callEntityRoute } from './entityRoutes';

const USD = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});

/** `$1,234.56`; a dash for what could not be priced. */
export const usd = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === ''
    ? '-'
    : USD.format(Number(value));

/** "just now", "5 min ago", "3 h ago", "2 days ago"; an em dash without a time. */
export function relativeTime(iso?: string): string {
  if (!iso) return '—';
  const minutes = Math.round((Date.now() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

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
