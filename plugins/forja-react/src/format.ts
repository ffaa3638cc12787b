// Money and time as Forja's cards show them.
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
