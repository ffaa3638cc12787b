import { DataFrame, PanelData } from '@forja/plugin-grafana-common';

/** A panel value in its Grafana unit (the common ones; others as plain numbers). */
export function formatValue(
  value: number | null | undefined,
  unit?: string,
  decimals?: number,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const fixed = (n: number) =>
    n.toLocaleString('en-US', {
      maximumFractionDigits: decimals ?? (Math.abs(n) >= 100 ? 0 : 2),
      minimumFractionDigits: decimals ?? 0,
    });
  switch (unit) {
    case 'percentunit':
      return `${fixed(value * 100)}%`;
    case 'percent':
      return `${fixed(value)}%`;
    case 'reqps':
      return `${fixed(value)} req/s`;
    case 'ops':
      return `${fixed(value)} ops/s`;
    case 's':
      return `${fixed(value)} s`;
    case 'ms':
      return `${fixed(value)} ms`;
    case 'bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let n = value;
      let i = 0;
      while (Math.abs(n) >= 1024 && i < units.length - 1) {
        n /= 1024;
        i++;
      }
      return `${fixed(n)} ${units[i]}`;
    }
    default:
      return fixed(value);
  }
}

/** Grafana's palette names as CSS colours ("semi-dark-red" is red). */
export function cssColor(grafanaColor: string): string {
  return grafanaColor.replace(/^(super-light|light|semi-dark|dark)-/, '');
}

/** The colour of the highest threshold step the value reaches. */
export function thresholdColor(
  value: number | undefined,
  thresholds: PanelData['thresholds'],
): string | undefined {
  if (value === undefined || !thresholds?.length) return undefined;
  let color: string | undefined;
  for (const step of thresholds) {
    if (step.value === null || value >= step.value) color = step.color;
  }
  return color ? cssColor(color) : undefined;
}

export interface Series {
  key: string;
  name: string;
  points: Array<[number, number | null]>;
}

function seriesName(
  field: DataFrame['fields'][number],
  frame: DataFrame,
): string {
  if (field.displayName) return field.displayName;
  const labels = Object.entries(field.labels ?? {});
  if (labels.length) {
    return `{${labels.map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
  }
  return frame.name ?? field.name;
}

/** Every numeric field of every frame against its frame's time field. */
export function toSeries(frames: DataFrame[]): Series[] {
  const series: Series[] = [];
  for (const frame of frames) {
    const time = frame.fields.find(f => f.type === 'time');
    for (const field of frame.fields) {
      if (field.type !== 'number') continue;
      series.push({
        key: `s${series.length}`,
        name: seriesName(field, frame),
        points: field.values.map((v, i) => [
          Number(time?.values[i] ?? i),
          typeof v === 'number' ? v : null,
        ]),
      });
    }
  }
  return series;
}

/** Rows for a chart: one per timestamp, one column per series key. */
export function chartRows(series: Series[]) {
  const rows = new Map<number, Record<string, number | null>>();
  for (const s of series) {
    for (const [t, v] of s.points) {
      const row = rows.get(t) ?? { t };
      row[s.key] = v;
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
}

/** The last non-null value of the first numeric series: what stat and gauge show. */
export function lastValue(frames: DataFrame[]): number | undefined {
  const [first] = toSeries(frames);
  const values = first?.points.map(([, v]) => v).filter(v => v !== null);
  return values?.length ? (values[values.length - 1] as number) : undefined;
}
