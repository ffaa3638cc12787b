/* eslint-disable no-console */
// 200 concurrent viewers over 20 entities for 30 s against an Argo CD answering in 200 ms,
// first through Forja's Argo CD backend, then through Backstage's proxy backend, in one
// run and one backend process. Prints upstream calls and p50/p95 per view for both.
// Targets: at least 100x fewer upstream calls, p95 at most a tenth of the proxy's.
// Each phase starts with one view per entity (its calls counted, its latencies reported
// as "cold ms", the slowest first view of an uncached entity).
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../packages/test-servers/src/postgres';
import { BENCH_ARGOCD_TOKEN } from './upstream';

const ROOT = resolve(__dirname, '../..');
const VIEWERS = Number(process.env.VIEWERS ?? 200);
const ENTITIES = Number(process.env.ENTITIES ?? 20);
const SECONDS = Number(process.env.DURATION_SECONDS ?? 30);
/** A viewer opens an entity page, reads it for THINK_MS (0.5x-1.5x), opens the next. */
const THINK_MS = Number(process.env.THINK_MS ?? 1000);
const TARGET_CALL_RATIO = 100;
const TARGET_P95_RATIO = 10;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const entityName = (i: number) => `svc-${String(i).padStart(2, '0')}`;

async function startUpstream(): Promise<{
  url: string;
  calls(): Promise<number>;
  reset(): Promise<number>;
  child: ChildProcess;
}> {
  const child = fork(join(__dirname, 'upstream.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, ENTITIES: String(ENTITIES) },
  });
  process.once('exit', () => child.kill('SIGKILL'));
  // Only replies carry these keys (the TypeScript loader sends its own "watch" messages).
  const next = <K extends string>(key: K) =>
    new Promise<Record<K, any>>(res => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m && key in m) {
          child.off('message', onMessage);
          res(m as Record<K, any>);
        }
      };
      child.on('message', onMessage);
    });
  const ask = async (message: string) => {
    const reply = next('calls');
    child.send(message);
    return (await reply).calls as number;
  };
  const { url } = await next('url');
  return { url, calls: () => ask('count'), reset: () => ask('reset'), child };
}

async function startBackend(upstreamUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'forja-bench-argocd-'));
  const catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(
    catalogFile,
    Array.from({ length: ENTITIES }, (_, i) =>
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: entityName(i + 1),
          annotations: {
            'argocd/app-selector': `backstage.io/kubernetes-id=${entityName(
              i + 1,
            )}`,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'bench' },
      }),
    ).join('\n---\n'),
  );
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = join(dir, 'app-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      auth: { environment: 'development', providers: { guest: {} } },
      catalog: {
        rules: [{ allow: ['Component'] }],
        locations: [{ type: 'file', target: catalogFile }],
      },
      // Backstage's proxy in front of Argo CD, as the community Argo CD plugin uses it.
      proxy: {
        endpoints: {
          '/argocd/api': {
            target: `${upstreamUrl}/api/v1`,
            changeOrigin: true,
            headers: { Authorization: `Bearer ${BENCH_ARGOCD_TOKEN}` },
          },
        },
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'main', url: upstreamUrl, token: BENCH_ARGOCD_TOKEN },
            ],
          },
        ],
      },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BACKEND_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'backend.ts'),
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  let log = '';
  child.stdout!.on('data', d => (log += d));
  child.stderr!.on('data', d => (log += d));
  const deadline = Date.now() + 120_000;
  let token = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited:\n${log}`);
    const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (refresh?.ok) {
      token = (await refresh.json()).backstageIdentity.token;
      const last = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/component/default/${entityName(
          ENTITIES,
        )}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (last.ok) return { baseUrl, token, child };
    }
    await sleep(500);
  }
  throw new Error(`backend not ready within 120 s:\n${log.slice(-3000)}`);
}

interface PhaseResult {
  views: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  coldFirstView: number;
  calls: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function phase(
  view: (entity: string) => Promise<boolean>,
  upstream: { reset(): Promise<number>; calls(): Promise<number> },
): Promise<PhaseResult> {
  await upstream.reset();
  // One view per entity first, counted in upstream calls but not in the percentiles:
  // the percentiles describe steady state; the slowest of these is the cold first view.
  const warmup = await Promise.all(
    Array.from({ length: ENTITIES }, async (_, i) => {
      const start = performance.now();
      if (!(await view(entityName(i + 1)).catch(() => false))) {
        throw new Error(`warm-up view of ${entityName(i + 1)} failed`);
      }
      return performance.now() - start;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: VIEWERS }, async () => {
      // Viewers arrive spread over one think time, not in the same millisecond.
      await sleep(Math.random() * THINK_MS);
      while (Date.now() < until) {
        const entity = entityName(1 + Math.floor(Math.random() * ENTITIES));
        const start = performance.now();
        const ok = await view(entity).catch(() => false);
        latencies.push(performance.now() - start);
        if (!ok) errors++;
        await sleep(THINK_MS * (0.5 + Math.random()));
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  return {
    views: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    coldFirstView: Math.max(...warmup),
    calls: await upstream.calls(),
  };
}

async function main() {
  const upstream = await startUpstream();
  const backend = await startBackend(upstream.url);
  const headers = { authorization: `Bearer ${backend.token}` };
  try {
    console.log(
      `${VIEWERS} viewers over ${ENTITIES} entities for ${SECONDS} s each, think time ${THINK_MS} ms, upstream latency ${
        process.env.UPSTREAM_LATENCY_MS ?? 200
      } ms`,
    );
    // Forja: one request per view; the backend reads the catalog and its cache.
    const forja = await phase(async entity => {
      const res = await fetch(
        `${backend.baseUrl}/api/argocd/entities/component/default/${entity}/applications`,
        { headers },
      );
      if (!res.ok) return false;
      const body = await res.json();
      return (
        body.applications.length === 3 &&
        body.applications.every((a: any) => a.revisionMetadata?.author)
      );
    }, upstream);
    if (process.env.ONLY_FORJA) {
      console.log(forja);
      return;
    }
    // Proxy: what a card showing the same data asks through /api/proxy: the list by
    // selector, then each application's revision metadata.
    const proxy = await phase(async entity => {
      const selector = encodeURIComponent(
        `backstage.io/kubernetes-id=${entity}`,
      );
      const res = await fetch(
        `${backend.baseUrl}/api/proxy/argocd/api/applications?selector=${selector}`,
        { headers },
      );
      if (!res.ok) return false;
      const { items } = await res.json();
      const metadata = await Promise.all(
        items.map((app: any) =>
          fetch(
            `${backend.baseUrl}/api/proxy/argocd/api/applications/${app.metadata.name}/revisions/${app.status.sync.revision}/metadata`,
            { headers },
          ).then(r => (r.ok ? r.json() : undefined)),
        ),
      );
      return items.length === 3 && metadata.every(m => m?.author);
    }, upstream);

    const columns = [
      'views',
      'errors',
      'upstream',
      'p50 ms',
      'p95 ms',
      'p99 ms',
    ];
    const line = (name: string, cells: Array<string | number>) =>
      console.log(
        name.padEnd(22) + cells.map(c => String(c).padStart(10)).join(''),
      );
    line('backend', columns);
    for (const [name, r] of [
      ['Forja argocd-backend', forja],
      ['Backstage proxy', proxy],
    ] as const) {
      line(name, [
        r.views,
        r.errors,
        r.calls,
        ...[r.p50, r.p95, r.p99, r.coldFirstView].map(ms => ms.toFixed(1)),
      ]);
    }
    const callRatio = proxy.calls / Math.max(forja.calls, 1);
    const p95Ratio = proxy.p95 / forja.p95;
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `upstream calls: ${callRatio.toFixed(
        0,
      )}x fewer (target >= ${TARGET_CALL_RATIO}x: ${verdict(
        callRatio >= TARGET_CALL_RATIO,
      )})`,
    );
    console.log(
      `p95: ${p95Ratio.toFixed(
        1,
      )}x lower (target >= ${TARGET_P95_RATIO}x: ${verdict(
        p95Ratio >= TARGET_P95_RATIO,
      )})`,
    );
    const failed =
      forja.errors > 0 ||
      callRatio < TARGET_CALL_RATIO ||
      p95Ratio < TARGET_P95_RATIO;
    process.exitCode = failed ? 1 : 0;
  } finally {
    backend.child.kill('SIGTERM');
    upstream.child.kill('SIGTERM');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
