import {
  answerFault,
  LocalServer,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';
import { daysIn, FakeSpend } from './spend';

export interface FakeOpenCostOptions {
  /** Workloads' spend by their (Prometheus-sanitized) labels, `forja_dev_entity` and `forja_dev_environment`. */
  spend: FakeSpend[];
  /** Bearer token required, when set (OpenCost behind an authenticating proxy). */
  token?: string;
}

export interface FakeOpenCost extends LocalServer {
  fault: UpstreamFault;
}

const DAY_MS = 86_400_000;
const LABELS = {
  entity: 'forja_dev_entity',
  environment: 'forja_dev_environment',
};

/** A day's allocation of a workload in the documented shape (costs split as OpenCost's are). */
function allocation(
  name: string,
  start: number,
  end: number,
  total: number,
  labels: Record<string, string>,
) {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const minutes = (end - start) / 60_000;
  return {
    name,
    properties: { cluster: 'video-eks-dev', labels },
    window: {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
    },
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    minutes,
    cpuCores: 0.5,
    cpuCoreHours: round((0.5 * minutes) / 60),
    cpuCost: round(total * 0.55),
    gpuCost: 0,
    ramBytes: 536870912,
    ramCost: round(total * 0.3),
    pvCost: round(total * 0.1),
    networkCost: round(total * 0.05),
    loadBalancerCost: 0,
    sharedCost: 0,
    externalCost: 0,
    totalCost: round(total),
    totalEfficiency: 0.42,
  };
}

/**
 * OpenCost's allocation API (`GET /allocation` and `/allocation/compute`): `window` as an
 * RFC3339 pair, `step` in days, `accumulate`, and `aggregate` by `namespace` or any list of
 * `label:<name>`, keyed as OpenCost keys them (values joined by `/`, `__unallocated__` for
 * a missing label). Answers `{code, data: [ {<key>: allocation} per step ]}`.
 */
export async function startFakeOpenCost(
  options: FakeOpenCostOptions,
): Promise<FakeOpenCost> {
  const state = { fault: 'none' as UpstreamFault };
  let fake: { fault: UpstreamFault } = state;
  const server = await startLocalServer(async (req, res, url) => {
    if (!['/allocation', '/allocation/compute'].includes(url.pathname))
      return false;
    if (
      await answerFault(fake.fault, req, res, { unauthorized: 'Unauthorized' })
    )
      return true;
    if (
      options.token &&
      req.headers.authorization !== `Bearer ${options.token}`
    ) {
      res.writeHead(401).end('Unauthorized');
      return true;
    }
    const window = (url.searchParams.get('window') ?? '').split(',');
    const start = Date.parse(window[0]);
    const end = Date.parse(window[1]);
    if (window.length !== 2 || !(start < end)) {
      sendJson(res, 400, {
        code: 400,
        status: '',
        data: null,
        message: `error parsing window (${url.searchParams.get('window')})`,
      });
      return true;
    }
    const step = /^(\d+)d$/.exec(url.searchParams.get('step') ?? '');
    const stepMs = step ? Number(step[1]) * DAY_MS : end - start;
    const accumulate = url.searchParams.get('accumulate') === 'true';
    const aggregate = (url.searchParams.get('aggregate') ?? '')
      .split(',')
      .filter(Boolean);
    const keyOf = (labels: Record<string, string>) =>
      aggregate
        .map(by => {
          if (by === 'namespace') return 'video-system';
          const label = by.startsWith('label:')
            ? labels[by.slice(6)]
            : undefined;
          return label ?? '__unallocated__';
        })
        .join('/') || '__all__';
    const sets: Array<Record<string, any>> = [];
    for (let from = start; from < end; from += stepMs) {
      const to = Math.min(from + stepMs, end);
      const set: Record<string, any> = {};
      for (let day = from; day < to; day += DAY_MS) {
        const month = new Date(day).toISOString().slice(0, 7);
        for (const spend of options.spend.filter(s => s.month === month)) {
          const labels: Record<string, string> = {
            [LABELS.entity]: spend.entity,
          };
          if (spend.environment) labels[LABELS.environment] = spend.environment;
          const key = keyOf(labels);
          const cost = spend.amount / daysIn(month);
          const previous = set[key];
          const next = allocation(
            key,
            from,
            to,
            (previous?.totalCost ?? 0) + cost,
            labels,
          );
          set[key] = next;
        }
      }
      sets.push(set);
    }
    if (accumulate) {
      const total: Record<string, any> = {};
      for (const set of sets) {
        for (const [key, a] of Object.entries(set)) {
          total[key] = allocation(
            key,
            start,
            end,
            (total[key]?.totalCost ?? 0) + a.totalCost,
            a.properties.labels,
          );
        }
      }
      sendJson(res, 200, { code: 200, data: [total] });
      return true;
    }
    sendJson(res, 200, { code: 200, data: sets });
    return true;
  });
  const started: FakeOpenCost = Object.assign(server, state);
  fake = started;
  return started;
}
