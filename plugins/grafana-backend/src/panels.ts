import {
  DataFrame,
  GrafanaTimeRange,
  PanelKind,
} from '@forja/plugin-grafana-common';
import {
  DatasourceRef,
  DsQueryJson,
  GrafanaPanel,
  GrafanaVariable,
} from './client';

const KINDS: Record<string, PanelKind> = {
  timeseries: 'timeseries',
  graph: 'timeseries',
  stat: 'stat',
  singlestat: 'stat',
  gauge: 'gauge',
  bargauge: 'gauge',
  table: 'table',
  'table-old': 'table',
};

export const panelKind = (type: string): PanelKind | 'unsupported' =>
  KINDS[type] ?? 'unsupported';

export const RANGE_MS: Record<GrafanaTimeRange, number> = {
  '1h': 36e5,
  '6h': 6 * 36e5,
  '24h': 24 * 36e5,
  '7d': 7 * 24 * 36e5,
};

/** Panels in dashboard order, with the panels of collapsed rows. */
export function flattenPanels(panels: GrafanaPanel[] = []): GrafanaPanel[] {
  return panels.flatMap(panel =>
    panel.type === 'row' ? flattenPanels(panel.panels) : [panel],
  );
}

/**
 * Each variable's value for this entity: the entity's own (`forja.dev/grafana-variables`)
 * first, then the dashboard's saved current value; constants keep their query.
 */
export function variableValues(
  variables: GrafanaVariable[] = [],
  entityValues: Record<string, string>,
): Map<string, { values: string[]; all: boolean; allValue?: string }> {
  const result = new Map<
    string,
    { values: string[]; all: boolean; allValue?: string }
  >();
  for (const variable of variables) {
    const own = entityValues[variable.name];
    const saved =
      variable.type === 'constant'
        ? String(variable.query ?? '')
        : variable.current?.value ?? '';
    const values = own !== undefined ? [own] : [saved].flat().map(String);
    result.set(variable.name, {
      values,
      all: own === undefined && values.includes('$__all'),
      allValue: variable.allValue,
    });
  }
  return result;
}

const escapeRegex = (value: string) =>
  value.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');

function format(
  variable: { values: string[]; all: boolean; allValue?: string },
  fmt?: string,
): string {
  if (variable.all) return variable.allValue ?? '.*';
  const { values } = variable;
  switch (fmt) {
    case 'csv':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case 'json':
      return JSON.stringify(values);
    case 'singlequote':
      return values.map(v => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map(v => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'raw':
      return values.join(',');
    default:
      // Grafana's default for Prometheus: one value as is, several as a regex group.
      return values.length === 1
        ? values[0]
        : `(${values.map(escapeRegex).join('|')})`;
  }
}

/** Replaces `$var`, `${var}`, `${var:format}` and `[[var]]`; Grafana's `$__` ones stay. */
export function interpolate(
  text: string,
  variables: ReturnType<typeof variableValues>,
): string {
  return text.replace(
    /\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)\]\]|\$(\w+)/g,
    (match, braced, fmt, bracketed, plain) => {
      const name = braced ?? bracketed ?? plain;
      if (name.startsWith('__')) return match;
      const variable = variables.get(name);
      return variable ? format(variable, fmt) : match;
    },
  );
}

function interpolateDeep(
  value: unknown,
  variables: ReturnType<typeof variableValues>,
): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value))
    return value.map(v => interpolateDeep(v, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, variables)]),
    );
  }
  return value;
}

/**
 * The `/api/ds/query` body for a panel over the range: its visible targets with the
 * variables filled in and the datasource resolved by `resolve`.
 */
export async function panelQueryBody(options: {
  panel: GrafanaPanel;
  variables: ReturnType<typeof variableValues>;
  range: GrafanaTimeRange;
  resolve: (
    ref: DatasourceRef | string | null | undefined,
  ) => Promise<DatasourceRef>;
}) {
  const { panel, variables, range } = options;
  const maxDataPoints = Math.min(panel.maxDataPoints ?? 300, 1000);
  const intervalMs = Math.max(
    Math.floor(RANGE_MS[range] / maxDataPoints),
    1000,
  );
  const targets = (panel.targets ?? []).filter(t => !t.hide);
  if (!targets.length) throw new Error('the panel has no queries');
  const queries = await Promise.all(
    targets.map(async (target, i) => ({
      ...(interpolateDeep(target, variables) as object),
      refId: target.refId ?? String.fromCharCode(65 + i),
      datasource: await options.resolve(
        interpolateDeep(
          (target.datasource as DatasourceRef | undefined) ?? panel.datasource,
          variables,
        ) as DatasourceRef | string | null | undefined,
      ),
      intervalMs,
      maxDataPoints,
    })),
  );
  return { queries, from: `now-${range}`, to: 'now' };
}

const FIELD_TYPES = new Set(['time', 'number', 'string', 'boolean']);
const MAX_VALUES_PER_FIELD = 5000;

/** Frames from an `/api/ds/query` answer; a query's error fails the panel with its reason. */
export function framesOf(answer: DsQueryJson): DataFrame[] {
  const frames: DataFrame[] = [];
  for (const [refId, result] of Object.entries(answer.results ?? {})) {
    if (result.error) throw new Error(`query ${refId}: ${result.error}`);
    for (const frame of result.frames ?? []) {
      const values = frame.data?.values ?? [];
      frames.push({
        name: frame.schema?.name,
        refId: frame.schema?.refId ?? refId,
        fields: (frame.schema?.fields ?? []).map((field, i) => ({
          name: field.name,
          type: FIELD_TYPES.has(field.type ?? '')
            ? (field.type as DataFrame['fields'][number]['type'])
            : 'other',
          labels: field.labels,
          displayName:
            field.config?.displayNameFromDS ?? field.config?.displayName,
          values: (
            (values[i] ?? []) as DataFrame['fields'][number]['values']
          ).slice(-MAX_VALUES_PER_FIELD),
        })),
      });
    }
  }
  return frames;
}
