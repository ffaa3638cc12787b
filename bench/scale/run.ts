/* eslint-disable no-console */
// The simulated organisation of README.md against the portal's backend on PostgreSQL and
// Redis, in one run: upstream calls of one viewer vs VIEWERS (portal and department
// overviews), first rows in Chromium on the production build, the department's cost
// rollup cold and warm, two replicas sharing Redis vs one viewer, then a soak of
// SOAK_MINUTES for memory and event loop delay.
import { chromium, Page } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  freePort,
  startPostgres,
} from '../../packages/test-servers/src/postgres';
import { startRedis } from '../../packages/test-servers/src/redis';
import { startUpstream, Upstream } from '../lib/loadTest';
import { median } from '../lib/stats';
import { writeCatalog } from './catalog';
import {
  MonitorLine,
  readMonitor,
  Replica,
  replicaConfig,
  signIn,
  startReplica,
} from './portal';
import {
  ARGOCD_INSTANCES,
  BENCH_TOKEN,
  CLUSTERS,
  clusterEnvironment,
  clusterName,
  COMPONENTS,
  DEPARTMENT,
  DEPARTMENT_COMPONENTS,
  instanceName,
  SYSTEMS,
  TEAMS,
  TEAMS_PER_DEPARTMENT,
  teamName,
} from './shape';

const ROOT = resolve(__dirname, '../..');
const OUTPUT = join(ROOT, 'output', 'bench', 'scale');
const VIEWERS = Number(process.env.VIEWERS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SOAK_VIEWERS = Number(process.env.SOAK_VIEWERS ?? VIEWERS);
/** A soak viewer reloads its overview every SOAK_THINK_MS (0.5x-1.5x). */
const SOAK_THINK_MS = Number(process.env.SOAK_THINK_MS ?? 10_000);
/** Every cache in the path lives this long, so a round waiting longer starts cold. */
const CACHE_SECONDS = Number(process.env.CACHE_SECONDS ?? 10);
/** The phases to run (README.md): calls, chromium, cost, replicas, soak. */
const PHASES = (
  process.env.PHASES ?? 'calls,chromium,cost,replicas,soak'
).split(',');
const phase = (name: string) => PHASES.includes(name);
const TARGET_FIRST_ROWS_MS = 2000;
const TARGET_RSS_MIB = 1536;
const TARGET_SOAK_GROWTH = 0.1;
const TARGET_ELD_P99_MS = 100;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const cold = () => sleep(CACHE_SECONDS * 1000 + 500);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const secondsSince = (t: number) =>
  `${((performance.now() - t) / 1000).toFixed(0)} s`;

const PORTAL = { name: 'portal', path: '/portal', rows: COMPONENTS };
const DEPARTMENT_SCOPE = {
  name: `department ${DEPARTMENT}`,
  path: `/entities/group/default/${DEPARTMENT}`,
  rows: DEPARTMENT_COMPONENTS,
};
type Scope = typeof PORTAL;

function sharedConfig(catalogFile: string, urls: Record<string, string>) {
  const cache = {
    cacheFresh: { seconds: CACHE_SECONDS },
    cacheStale: { seconds: CACHE_SECONDS },
  };
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => clusterName(c));
  return {
    auth: { environment: 'development', providers: { guest: {} } },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
    argocd: {
      ...cache,
      appLocatorMethods: [
        {
          type: 'config',
          instances: Array.from({ length: ARGOCD_INSTANCES }, (_, n) => ({
            name: instanceName(n),
            url: urls[instanceName(n)],
            token: BENCH_TOKEN,
          })),
        },
      ],
    },
    grafana: {
      ...cache,
      hosts: [{ id: 'main', domain: urls.grafana, token: BENCH_TOKEN }],
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(name => ({
            name,
            url: urls[name],
            authProvider: 'serviceAccount',
            serviceAccountToken: BENCH_TOKEN,
            skipMetricsLookup: true,
          })),
        },
      ],
    },
    overview: {
      ...cache,
      clusterEnvironments: Object.fromEntries(
        clusters.map((name, c) => [name, clusterEnvironment(c)]),
      ),
    },
  };
}

/** Ready once the catalog holds every component and the department's teams own theirs. */
async function catalogReady(replica: Replica, token: string) {
  const count = async (filter: string) => {
    const res = await fetch(
      `${replica.url}/api/catalog/entities/by-query?limit=1&${filter}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    return res.ok ? ((await res.json()).totalItems as number) : -1;
  };
  const teams = Array.from({ length: TEAMS_PER_DEPARTMENT }, (_, t) =>
    teamName(t),
  );
  const [components, department, parents] = await Promise.all([
    count('filter=kind=component'),
    count(
      `filter=kind=component,relations.ownedBy=${teams
        .map(t => `group:default/${t}`)
        .join(',relations.ownedBy=')}`,
    ),
    count(`filter=kind=group,relations.childOf=group:default/${DEPARTMENT}`),
  ]);
  return (
    components === COMPONENTS &&
    department === DEPARTMENT_COMPONENTS &&
    parents === TEAMS_PER_DEPARTMENT
  );
}

const failedSources = new Set<string>();
/** The size of each scope's answer (JSON characters). */
const bytes = new Map<string, number>();

/** One viewer's GET of a scope's overview; fails unless every row came and no source failed. */
async function view(replica: Replica, token: string, scope: Scope) {
  const t = performance.now();
  const res = await fetch(`${replica.url}/api/overview${scope.path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  bytes.set(scope.name, text.length);
  const body = JSON.parse(text);
  if (!res.ok || body.rows?.length !== scope.rows)
    throw new Error(
      `${scope.name} overview answered ${res.status} with ${
        body.rows?.length
      } rows: ${JSON.stringify(body).slice(0, 300)}`,
    );
  // A failed source is reported at the end (and misses the run), not fatal: the overview
  // answered without it.
  for (const source of body.sources as Array<{ source: string; state: string }>)
    if (source.state === 'failed')
      failedSources.add(
        `${scope.name}: ${JSON.stringify(source).slice(0, 300)}`,
      );
  return performance.now() - t;
}

/**
 * The reads since the last reset once no request (no page either) has come for two
 * seconds: an answer can go out before every read ended (its cells pending), the reads
 * going on into the cache. A paged Kubernetes list counts once: a cold read of every
 * cluster takes longer than a cache period, so counting pages counted whatever part of it
 * a round happened to see.
 */
async function settledCalls(upstream: Upstream) {
  let requests = await upstream.requests();
  for (;;) {
    await sleep(2000);
    const now = await upstream.requests();
    if (now === requests) return upstream.calls();
    requests = now;
  }
}

/** Upstream calls of one viewer, then of VIEWERS at once spread over `replicas`, each cold. */
async function callsOf(
  upstream: Upstream,
  one: Replica,
  replicas: Replica[],
  token: string,
  scope: Scope,
) {
  const rounds = { one: [] as number[], many: [] as number[] };
  const ms = { one: [] as number[], many: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    await cold();
    await upstream.reset();
    ms.one.push(await view(one, token, scope));
    rounds.one.push(await settledCalls(upstream));
    await cold();
    await upstream.reset();
    const t = performance.now();
    await Promise.all(
      Array.from({ length: VIEWERS }, (_, v) =>
        view(replicas[v % replicas.length], token, scope),
      ),
    );
    ms.many.push(performance.now() - t);
    rounds.many.push(await settledCalls(upstream));
  }
  const result = {
    one: median(rounds.one),
    many: median(rounds.many),
    oneMs: median(ms.one),
    manyMs: median(ms.many),
  };
  console.log(
    `  ${scope.name}: one viewer ${result.oneMs.toFixed(0)} ms, ${
      result.one
    } upstream calls, ${(bytes.get(scope.name)! / 1e6).toFixed(
      1,
    )} MB; ${VIEWERS} viewers on ${
      replicas.length
    } replica(s) ${result.manyMs.toFixed(0)} ms for all, ${
      result.many
    } calls (${(result.many / result.one).toFixed(2)}x, target <= 1: ${verdict(
      result.many <= result.one,
    )})`,
  );
  return result;
}

/**
 * What the page asked for between a click and its first row: each request's path and when
 * it was asked and answered, in ms after the click (where the first-rows time goes).
 */
function requestTimeline(page: Page, origin: string) {
  let since = performance.now();
  const asked = new Map<object, { path: string; at: number; done?: number }>();
  const at = () => Math.round(performance.now() - since);
  page.on('request', r => {
    if (r.url().startsWith(origin))
      asked.set(r, { path: r.url().slice(origin.length), at: at() });
  });
  const done = (r: object) => {
    const entry = asked.get(r);
    if (entry) entry.done = at();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    start() {
      asked.clear();
      since = performance.now();
    },
    lines: () =>
      [...asked.values()].map(
        e => `${e.path.slice(0, 90)} +${e.at}..${e.done ?? '?'} ms`,
      ),
  };
}

/** First rows in Chromium on the production build: portal from the sidebar, department from its tab. */
async function firstRows(replica: Replica) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const portal: number[] = [];
  const department: number[] = [];
  // The same clicks again at once: caches fresh, as most navigations on a running portal.
  const warm = { portal: [] as number[], department: [] as number[] };
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    const timeline = requestTimeline(page, replica.url);
    const show = (what: string, ms: number) =>
      console.log(
        `  ${what}: first row ${ms.toFixed(
          0,
        )} ms after the click; asked:\n${timeline
          .lines()
          .map(l => `      ${l}`)
          .join('\n')}`,
      );
    await page.goto(replica.url);
    await page.getByRole('button', { name: 'Enter' }).click();
    const navLink = page.getByRole('link', { name: 'On-call overview' });
    await navLink.waitFor({ timeout: 120_000 });
    const firstRow = page.getByTestId('overview-row').first();
    const clickToFirstRow = async (
      what: string,
      click: () => Promise<void>,
    ) => {
      timeline.start();
      const t = performance.now();
      await click();
      await firstRow.waitFor({ timeout: 60_000 });
      const ms = performance.now() - t;
      show(what, ms);
      return ms;
    };
    const label = (caches: 'cold' | 'warm', round: number) =>
      `${caches}, round ${round}`;
    const portalFromSidebar = async (
      caches: 'cold' | 'warm',
      round: number,
    ) => {
      await page.goto(replica.url);
      await navLink.waitFor({ timeout: 60_000 });
      if (caches === 'cold') await cold();
      return clickToFirstRow(`portal, ${label(caches, round)}`, () =>
        navLink.click(),
      );
    };
    // Its Forja Overview tab (the entity's own first tab is titled Overview too).
    const tab = page
      .locator(`a[href$="/group/${DEPARTMENT}/overview"]`)
      .first();
    const departmentFromTab = async (
      caches: 'cold' | 'warm',
      round: number,
    ) => {
      await page.goto(`${replica.url}/catalog/default/group/${DEPARTMENT}`);
      await tab.waitFor({ timeout: 60_000 });
      if (caches === 'cold') await cold();
      return clickToFirstRow(`department, ${label(caches, round)}`, () =>
        tab.click(),
      );
    };
    for (let round = 1; round <= ROUNDS; round++) {
      portal.push(await portalFromSidebar('cold', round));
      warm.portal.push(await portalFromSidebar('warm', round));
      department.push(await departmentFromTab('cold', round));
      warm.department.push(await departmentFromTab('warm', round));
    }
  } finally {
    await browser.close();
  }
  return {
    portal: median(portal),
    department: median(department),
    warmPortal: median(warm.portal),
    warmDepartment: median(warm.department),
  };
}

/** The department's cost rollup: the first (no estimate cached) and a repeat. */
async function costRollup(replica: Replica, token: string) {
  const get = async () => {
    const t = performance.now();
    const res = await fetch(
      `${replica.url}/api/cost/entities/group/default/${DEPARTMENT}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = await res.json();
    if (!res.ok) throw new Error(`cost rollup answered ${res.status}`);
    return { ms: performance.now() - t, body };
  };
  const first = await get();
  const warm: number[] = [];
  for (let round = 0; round < ROUNDS; round++) warm.push((await get()).ms);
  const members = first.body.members ?? [];
  const failed = members.filter((m: any) =>
    m.environments.some((e: any) => e.status !== 'ok'),
  );
  console.log(
    `  cost rollup of ${DEPARTMENT}: ${members.length} members (${
      failed.length
    } with a failed environment), $${
      first.body.totalMonthlyCost
    }/month; cold ${first.ms.toFixed(0)} ms, warm ${median(warm).toFixed(
      0,
    )} ms`,
  );
  if (failed.length)
    console.log(
      `    first failure: ${JSON.stringify(failed[0]).slice(0, 300)}`,
    );
  return { members: members.length, cold: first.ms, warm: median(warm) };
}

/** The delay since the previous mark (monitor.ts writes it on SIGUSR2). */
async function markedDelay(replica: Replica): Promise<MonitorLine> {
  const before = readMonitor(replica).filter(l => l.mark).length;
  replica.mark();
  for (let i = 0; i < 50; i++) {
    const marks = readMonitor(replica).filter(l => l.mark);
    if (marks.length > before) return marks[marks.length - 1];
    await sleep(100);
  }
  throw new Error('the monitor wrote no mark');
}

/** SOAK_VIEWERS viewers on the portal and the department for SOAK_MINUTES. */
async function soak(replica: Replica, token: string) {
  const started = Date.now();
  const until = started + SOAK_MINUTES * 60_000;
  let views = 0;
  let errors = 0;
  /** What failed, each message once (the run prints them). */
  const failures = new Set<string>();
  await markedDelay(replica);
  await Promise.all(
    Array.from({ length: SOAK_VIEWERS }, async (_, v) => {
      await sleep(Math.random() * SOAK_THINK_MS);
      while (Date.now() < until) {
        await view(replica, token, v % 2 ? DEPARTMENT_SCOPE : PORTAL)
          .then(() => views++)
          .catch(error => {
            errors++;
            failures.add(String(error?.message ?? error).slice(0, 200));
          });
        await sleep(SOAK_THINK_MS * (0.5 + Math.random()));
      }
    }),
  );
  const delay = await markedDelay(replica);
  const samples = readMonitor(replica).filter(
    l => !l.mark && l.t >= started && l.t <= until,
  );
  // Warm-up: the first fifth of the soak (at least a minute when the soak allows).
  const warmUpEnd = started + Math.min(60_000, (SOAK_MINUTES * 60_000) / 5);
  const window = (from: number, to: number) => {
    const rss = samples.filter(l => l.t >= from && l.t < to).map(l => l.rssMiB);
    return rss.length ? Math.max(...rss) : NaN;
  };
  const lastMinute = Math.max(warmUpEnd, until - 60_000);
  const afterWarmUp = window(warmUpEnd, warmUpEnd + 60_000);
  const atEnd = window(lastMinute, until + 1);
  const growth = (atEnd - afterWarmUp) / afterWarmUp;
  console.log(
    `  soak: ${SOAK_VIEWERS} viewers for ${SOAK_MINUTES} min, ${views} views, ${errors} errors; RSS (max per minute) after warm-up ${afterWarmUp} MiB, last minute ${atEnd} MiB: ${(
      growth * 100
    ).toFixed(1)}% (target <= ${TARGET_SOAK_GROWTH * 100}%: ${verdict(
      growth <= TARGET_SOAK_GROWTH,
    )}); event loop delay p50 ${delay.eldP50Ms} ms, p99 ${
      delay.eldP99Ms
    } ms, max ${delay.eldMaxMs} ms`,
  );
  for (const failure of failures) console.log(`    a view failed: ${failure}`);
  return { views, errors, growth, afterWarmUp, atEnd, delay };
}

async function main() {
  mkdirSync(OUTPUT, { recursive: true });
  const started = performance.now();
  const catalogFile = writeCatalog();
  const upstream = await startUpstream(join(__dirname, 'upstream.ts'));
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const shared = sharedConfig(catalogFile, upstream.urls!);
  const config = async () =>
    replicaConfig({
      port: await freePort(),
      postgres,
      redisUrl: redis.url,
      shared,
    });
  const replicas: Replica[] = [];
  try {
    console.log(
      `${COMPONENTS} components in ${SYSTEMS} systems and ${TEAMS} teams, 3 environments; ${ARGOCD_INSTANCES} Argo CD instances, ${CLUSTERS} clusters, upstream latency ${
        process.env.UPSTREAM_LATENCY_MS ?? 200
      } ms; doubles up in ${secondsSince(started)}`,
    );
    const a = startReplica({
      name: 'replica-a',
      outputDir: OUTPUT,
      config: await config(),
      nodeArgs: process.env.BACKEND_NODE_ARGS?.split(' ').filter(Boolean),
    });
    replicas.push(a);
    const token = await signIn(a, t => catalogReady(a, t), 30 * 60_000);
    console.log(
      `catalog ingested, portal ready after ${secondsSince(started)}`,
    );

    // Each target met or not; a phase left out of PHASES adds none.
    const checks: boolean[] = [];
    let servingP99 = 0;
    if (phase('calls')) {
      console.log(
        'one backend (PostgreSQL, Redis), each round on cold caches:',
      );
      await markedDelay(a);
      for (const scope of [PORTAL, DEPARTMENT_SCOPE]) {
        const calls = await callsOf(upstream, a, [a], token, scope);
        checks.push(calls.many <= calls.one);
      }
      const serving = await markedDelay(a);
      servingP99 = serving.eldP99Ms;
      console.log(
        `  event loop delay while serving: p50 ${serving.eldP50Ms} ms, p99 ${serving.eldP99Ms} ms, max ${serving.eldMaxMs} ms`,
      );
    }
    if (phase('chromium')) {
      const rows = await firstRows(a);
      console.log(
        `  first rows in Chromium (production build): portal ${rows.portal.toFixed(
          0,
        )} ms (${verdict(
          rows.portal <= TARGET_FIRST_ROWS_MS,
        )}), department ${rows.department.toFixed(0)} ms (${verdict(
          rows.department <= TARGET_FIRST_ROWS_MS,
        )}), target 2000 ms; warm (clicked again at once): portal ${rows.warmPortal.toFixed(
          0,
        )} ms, department ${rows.warmDepartment.toFixed(0)} ms`,
      );
      checks.push(
        rows.portal <= TARGET_FIRST_ROWS_MS,
        rows.department <= TARGET_FIRST_ROWS_MS,
      );
    }
    if (phase('cost')) await costRollup(a, token);

    if (phase('replicas')) {
      const b = startReplica({
        name: 'replica-b',
        outputDir: OUTPUT,
        config: await config(),
      });
      replicas.push(b);
      await signIn(b, t => catalogReady(b, t), 10 * 60_000);
      console.log('two replicas sharing Redis and PostgreSQL:');
      const two = await callsOf(upstream, a, [a, b], token, PORTAL);
      checks.push(two.many <= two.one);
      await b.stop();
      replicas.pop();
    }

    if (phase('soak')) {
      const soaked = await soak(a, token);
      servingP99 = Math.max(servingP99, soaked.delay.eldP99Ms);
      checks.push(soaked.growth <= TARGET_SOAK_GROWTH, soaked.errors === 0);
    }
    const rssAfter = readMonitor(a)
      .filter(l => !l.mark)
      .pop()!.rssMiB;
    console.log(
      `backend RSS after the run: ${rssAfter} MiB (target <= ${TARGET_RSS_MIB} MiB: ${verdict(
        rssAfter <= TARGET_RSS_MIB,
      )}); event loop delay p99 while serving ${servingP99} ms (target <= ${TARGET_ELD_P99_MS} ms: ${verdict(
        servingP99 <= TARGET_ELD_P99_MS,
      )})`,
    );
    checks.push(
      rssAfter <= TARGET_RSS_MIB,
      servingP99 <= TARGET_ELD_P99_MS,
      failedSources.size === 0,
    );
    for (const failure of failedSources)
      console.log(`  source failed: ${failure}`);
    const met = checks.every(Boolean);
    console.log(
      `targets ${met ? 'met' : 'MISSED'}; ${secondsSince(started)} in all`,
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    for (const r of replicas) await r.stop();
    upstream.child.kill('SIGTERM');
    await Promise.all([postgres.stop(), redis.stop()]);
    rmSync(dirname(catalogFile), { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
