import {
  answerFault,
  LocalServer,
  readJsonBody,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';

export interface FakeGrafanaDashboard {
  uid: string;
  title: string;
  tags: string[];
  folderTitle?: string;
  /** Dashboard JSON `panels` (rows may nest theirs). */
  panels?: unknown[];
  /** Dashboard JSON `templating.list`. */
  variables?: unknown[];
}

export interface FakeGrafanaRule {
  name: string;
  group: string;
  folder: string;
  state: 'firing' | 'pending' | 'inactive';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  activeAt?: string;
  health?: 'ok' | 'nodata' | 'error';
}

export interface FakeGrafanaOptions {
  /** The service-account token the server accepts. */
  token: string;
  dashboards: FakeGrafanaDashboard[];
  /** Filler dashboards added to the search results (to page past 1000). */
  fillerDashboards?: number;
  rules?: FakeGrafanaRule[];
  /**
   * Rules a data source evaluates (Prometheus or Loki rulers, such as the PrometheusRules
   * kube-prometheus-stack loads), served in the Prometheus rules API format by Grafana's
   * `/api/prometheus/<datasource uid>/api/v1/rules`.
   */
  datasourceRules?: Record<string, FakeGrafanaRule[]>;
  datasources?: Array<{ name: string; uid: string; type: string }>;
  latencyMs?: number;
}

export interface FakeGrafana extends LocalServer {
  fault: UpstreamFault;
  /** Bodies POSTed to /api/ds/query. */
  queries: any[];
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const parseTime = (value: string, now: number) => {
  const relative = /^now(-(\d+)([smhd]))?$/.exec(value);
  if (!relative) return Number(value);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[relative[3] as 's'] ?? 0;
  return now - Number(relative[2] ?? 0) * unit;
};

const hash = (text: string) =>
  [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1000, 7);

/**
 * A local Grafana HTTP API in its payload shapes: dashboard search with limit and page,
 * dashboard by uid, datasource by name, `/api/ds/query` answering data frames computed
 * from each query, and unified alerting's Prometheus-style rules. `fault` makes every API
 * call fail in one way.
 */
export async function startFakeGrafana(
  options: FakeGrafanaOptions,
): Promise<FakeGrafana> {
  const state = { fault: 'none' as UpstreamFault, queries: [] as any[] };
  let fake: FakeGrafana | typeof state = state;
  const fillers = Array.from(
    { length: options.fillerDashboards ?? 0 },
    (_, i) => ({
      uid: `filler-${i}`,
      title: `Filler ${String(i).padStart(5, '0')}`,
      tags: ['filler'],
      folderTitle: 'Filler',
    }),
  );
  // Read on every search: dashboards added to options.dashboards later are found too.
  const searchable = () => [...options.dashboards, ...fillers];
  const hit = (d: FakeGrafanaDashboard, id: number) => ({
    id,
    uid: d.uid,
    title: d.title,
    uri: `db/${slug(d.title)}`,
    url: `/d/${d.uid}/${slug(d.title)}`,
    slug: '',
    type: 'dash-db',
    tags: d.tags,
    isStarred: false,
    folderUid: d.folderTitle ? slug(d.folderTitle) : undefined,
    folderTitle: d.folderTitle,
    folderUrl: d.folderTitle
      ? `/dashboards/f/${slug(d.folderTitle)}`
      : undefined,
  });

  const server = await startLocalServer(async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    if (options.latencyMs) {
      await new Promise(resolve => setTimeout(resolve, options.latencyMs));
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const fault =
      fake.fault === 'none' && bearer !== options.token ? '401' : fake.fault;
    if (
      await answerFault(fault, req, res, {
        unauthorized: { message: 'Invalid API key', traceID: '' },
      })
    ) {
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/api/search') {
      const limit = Math.min(
        Number(url.searchParams.get('limit') ?? 1000),
        5000,
      );
      const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1);
      const tags = url.searchParams.getAll('tag');
      const matching = searchable().filter(d =>
        tags.every(t => d.tags.includes(t)),
      );
      sendJson(
        res,
        200,
        matching
          .slice((page - 1) * limit, page * limit)
          .map((d, i) => hit(d, (page - 1) * limit + i + 1)),
      );
      return true;
    }
    const byUid = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && byUid) {
      const dashboard = options.dashboards.find(
        d => d.uid === decodeURIComponent(byUid[1]),
      );
      if (!dashboard) {
        sendJson(res, 404, { message: 'Dashboard not found' });
        return true;
      }
      sendJson(res, 200, {
        meta: {
          type: 'db',
          slug: slug(dashboard.title),
          url: `/d/${dashboard.uid}/${slug(dashboard.title)}`,
          folderTitle: dashboard.folderTitle ?? 'General',
        },
        dashboard: {
          uid: dashboard.uid,
          title: dashboard.title,
          tags: dashboard.tags,
          schemaVersion: 39,
          panels: dashboard.panels ?? [],
          templating: { list: dashboard.variables ?? [] },
          time: { from: 'now-6h', to: 'now' },
        },
      });
      return true;
    }
    const byName = /^\/api\/datasources\/name\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && byName) {
      const ds = options.datasources?.find(
        d => d.name === decodeURIComponent(byName[1]),
      );
      if (ds) sendJson(res, 200, { id: 1, ...ds });
      else sendJson(res, 404, { message: 'Data source not found' });
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/api/ds/query') {
      const body = await readJsonBody(req);
      fake.queries.push(body);
      const now = Date.now();
      const from = parseTime(String(body.from), now);
      const to = parseTime(String(body.to), now);
      const results: Record<string, unknown> = {};
      for (const query of body.queries ?? []) {
        const known = options.datasources?.some(
          d => d.uid === query.datasource?.uid,
        );
        if (!known) {
          results[query.refId] = {
            status: 400,
            error: `data source not found: ${query.datasource?.uid}`,
          };
          continue;
        }
        const step = Math.max(query.intervalMs ?? 60_000, 1000);
        const times: number[] = [];
        for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
          times.push(t);
        }
        const seed = hash(String(query.expr ?? ''));
        results[query.refId] = {
          status: 200,
          frames: [
            {
              schema: {
                refId: query.refId,
                meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
                fields: [
                  {
                    name: 'Time',
                    type: 'time',
                    typeInfo: { frame: 'time.Time' },
                    config: { interval: step },
                  },
                  {
                    name: 'Value',
                    type: 'number',
                    typeInfo: { frame: 'float64', nullable: true },
                    labels: { job: 'fake', series: String(seed) },
                    config: {},
                  },
                ],
              },
              data: {
                values: [
                  times,
                  times.map(t =>
                    Number((50 + 30 * Math.sin(t / 600_000 + seed)).toFixed(3)),
                  ),
                ],
              },
            },
          ],
        };
      }
      sendJson(res, 200, { results });
      return true;
    }
    const rulesOf = /^\/api\/prometheus\/([^/]+)\/api\/v1\/rules$/.exec(
      url.pathname,
    );
    if (req.method === 'GET' && rulesOf) {
      const ruler = decodeURIComponent(rulesOf[1]);
      const managed = ruler === 'grafana';
      const known = managed
        ? options.rules ?? []
        : options.datasourceRules?.[ruler];
      if (!known) {
        sendJson(res, 404, { message: 'Data source not found' });
        return true;
      }
      const groups = new Map<string, FakeGrafanaRule[]>();
      for (const rule of known) {
        const key = `${rule.folder}/${rule.group}`;
        groups.set(key, [...(groups.get(key) ?? []), rule]);
      }
      // Grafana-managed alerts say Alerting/Pending; a Prometheus ruler firing/pending.
      const alertState = (ruleState: string) => {
        if (managed) return ruleState === 'firing' ? 'Alerting' : 'Pending';
        return ruleState;
      };
      sendJson(res, 200, {
        status: 'success',
        data: {
          groups: [...groups.values()].map(rules => ({
            name: rules[0].group,
            file: rules[0].folder,
            interval: 60,
            rules: rules.map(rule => ({
              state: rule.state,
              name: rule.name,
              query: managed
                ? `[{"refId":"A","queryType":"","model":{"expr":"up"}}]`
                : 'up == 0',
              duration: 300,
              labels: rule.labels,
              annotations: rule.annotations ?? {},
              health: rule.health ?? 'ok',
              type: 'alerting',
              lastEvaluation: new Date().toISOString(),
              evaluationTime: 0.01,
              alerts:
                rule.state === 'inactive'
                  ? []
                  : [
                      {
                        labels: { ...rule.labels, instance: 'pod-1' },
                        annotations: rule.annotations ?? {},
                        state: alertState(rule.state),
                        activeAt: rule.activeAt ?? new Date().toISOString(),
                        value: '1e+00',
                      },
                    ],
            })),
          })),
        },
      });
      return true;
    }
    return false;
  });
  fake = Object.assign(server, state);
  return fake as FakeGrafana;
}
