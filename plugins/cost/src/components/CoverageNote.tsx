import { EnvironmentCost, PriceFreshness } from '@forja/plugin-cost-common';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { coverageCounts } from './format';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** `, prices of 2026-06-18 (169 days old) from azure-karpenter (generated, 2026-06-18), ...` */
function pricesOf(f?: PriceFreshness, retrievedAt?: string): string {
  if (!f) return retrievedAt ? `, prices of ${retrievedAt}` : '';
  const sources = f.sources
    .map(
      s =>
        `${s.id} (${s.kind ?? 'price'}${
          s.retrievedAt ? `, ${s.retrievedAt}` : ''
        })`,
    )
    .join(', ');
  return `, prices of ${f.retrievedAt} (${plural(
    f.ageDays,
    'day',
  )} old) from ${sources}`;
}

/** What the estimate leaves out, so a total is never read as complete when it is not. */
export function CoverageNote(props: {
  environments: EnvironmentCost[];
  pricesRetrievedAt?: string;
  freshness?: PriceFreshness;
}) {
  const f = props.freshness;
  const c = coverageCounts(props.environments);
  const gaps = [
    c.failedEnvironments &&
      `${plural(c.failedEnvironments, 'environment')} not estimated`,
    c.notPriced && `${plural(c.notPriced, 'resource')} not priced`,
    c.missingPrices && `${plural(c.missingPrices, 'price')} not found`,
    c.missingUsage && `${plural(c.missingUsage, 'component')} without usage`,
  ].filter(Boolean);
  return (
    <>
      {gaps.length > 0 ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          Not in the total: {gaps.join(', ')}. The Cost tab lists them.
        </Alert>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Every declared resource is priced.
        </Typography>
      )}
      {f?.stale && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          Prices are {f.ageDays} days old, older than the {f.maxAgeDays} days
          allowed: the catalog needs a refresh (./forja cost-prices).
        </Alert>
      )}
      <Typography variant="caption" color="text.secondary" component="p">
        {c.assumedUsage > 0 &&
          `${plural(c.assumedUsage, 'usage value')} assumed. `}
        On-demand list prices in USD, 730 hours a month
        {pricesOf(f, props.pricesRetrievedAt)}.
      </Typography>
    </>
  );
}
