import { useTheme } from '@mui/material/styles';
import { ActualMonth } from '@forja/plugin-cost-common';

/**
 * A small bar per month of actual spend, with the estimate as a dashed line: plain SVG,
 * labelled for screen readers with each month's amount.
 */
export function MonthlyTrend(props: {
  environment: string;
  months: ActualMonth[];
  estimate?: string;
}) {
  const theme = useTheme();
  const width = 168;
  const height = 40;
  const values = props.months.map(m =>
    m.actual === null ? 0 : Number(m.actual),
  );
  const estimate =
    props.estimate === undefined ? undefined : Number(props.estimate);
  const max = Math.max(...values, estimate ?? 0, 1);
  const slot = width / Math.max(values.length, 1);
  const y = (v: number) => height - (v / max) * (height - 2);
  const label = `${props.environment} trend: ${props.months
    .map(m => `${m.month} ${m.actual === null ? 'unknown' : `$${m.actual}`}`)
    .join(', ')}`;
  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      {values.map((v, i) => (
        <rect
          key={props.months[i].month}
          x={i * slot + 2}
          y={y(v)}
          width={slot - 4}
          height={height - y(v)}
          fill={theme.palette.primary.main}
          opacity={i === values.length - 1 ? 1 : 0.55}
        >
          <title>{`${props.months[i].month}: $${
            props.months[i].actual ?? '?'
          }`}</title>
        </rect>
      ))}
      {estimate !== undefined && (
        <line
          x1={0}
          x2={width}
          y1={y(estimate)}
          y2={y(estimate)}
          stroke={theme.palette.text.secondary}
          strokeDasharray="4 3"
        />
      )}
    </svg>
  );
}
