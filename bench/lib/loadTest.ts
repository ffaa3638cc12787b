/* eslint-disable no-console */
// Viewers against one real backend holding both Forja's plugin and Backstage's proxy
// backend, in front of a local upstream in its own process; see bench/argocd/README.md.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../packages/test-servers/src/postgres';

const ROOT = resolve(__dirname, '../..');
export const VIEWERS = Number(process.env.VIEWERS ?? 200);
export const ENTITIES = Number(process.env.ENTITIES ?? 20);
export const SECONDS = Number(process.env.DURATION_SECONDS ?? 30);
/** A viewer opens an entity page, reads it for THINK_MS (0.5x-1.5x), opens the next. */
export const THINK_MS = Number(process.env.THINK_MS ?? 1000);
export const UPSTREAM_LATENCY_MS = Number(
  process.env.UPSTREAM_LATENCY_MS ?? 200,
);
const TARGET_CALL_RATIO = 100;
const TARGET_P95_RATIO = 10;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
export const entityName = (i: number) => `svc-${String(i).padStart(2, '0')}`;
const nodeTransform = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

export interface Upstream {
  url: string;
  /** Several servers' addresses by name, for an upstream script serving more than one. */
  urls?: Record<string, string>;
  /** Reads since the last reset: a paged list counts once. */
  calls(): Promise<number>;
  /** Requests since the last reset: every page of a paged list. */
  requests(): Promise<number>;
  reset(): Promise<number>;
  child: ChildProcess;
}

/** Forks an upstream script that calls `serveUpstream` (bench/lib/upstream.ts). */
export async function startUpstream(script: string): Promise<Upstream> {
  const child = fork(script, [], {
    execArgv: ['--require', nodeTransform],
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
    return (await reply) as { calls: number; requests: number };
  };
  const { url, urls } = (await next('url')) as {
    url: string;
    urls?: Record<string, string>;
  };
  return {
    url,
    urls,
    calls: async () => (await ask('count')).calls,
    requests: async () => (await ask('count')).requests,
    reset: async () => (await ask('reset')).calls,
    child,
  };
}

export interface Backend {
  baseUrl: string;
  /** A real user token (guest sign-in). */
  token: string;
  child: ChildProcess;
}

/**
 * Starts bench/lib/backend.ts with the `plugins`, the ENTITIES components carrying
 * `annotations(name)`, and `config` (the plugin's and the proxy's), signed in as guest.
 */
export async function startBackend(options: {
  plugins: string[];
  annotations: (name: string) => Record<string, string>;
  config: object;
}): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'forja-bench-'));
  const catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(
    catalogFile,
    Array.from({ length: ENTITIES }, (_, i) =>
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: entityName(i + 1),
          annotations: options.annotations(entityName(i + 1)),
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
      ...options.config,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BACKEND_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--require',
      nodeTransform,
      join(__dirname, 'backend.ts'),
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        BENCH_PLUGINS: options.plugins.join(','),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  let log = '';
  child.stdout!.on('data', d => (log += d));
  child.stderr!.on('data', d => (log += d));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited:\n${log}`);
    const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (refresh?.ok) {
      const token = (await refresh.json()).backstageIdentity.token;
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

/** Resident memory of a process in MiB (from /proc). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export interface PhaseResult {
  /** Backend memory after the warm-up and at the end of the phase. */
  rssStart: number;
  rssEnd: number;
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

/**
 * VIEWERS viewers for SECONDS, after one view per entity (its calls counted, its slowest
 * latency reported as the cold first view, its latencies not in the percentiles).
 * `view` resolves true when the page got what it needs.
 */
export async function runPhase(
  view: (entity: string) => Promise<boolean>,
  upstream: Upstream,
  backend: Backend,
): Promise<PhaseResult> {
  await upstream.reset();
  const warmup = await Promise.all(
    Array.from({ length: ENTITIES }, async (_, i) => {
      const start = performance.now();
      if (!(await view(entityName(i + 1)).catch(() => false))) {
        throw new Error(`warm-up view of ${entityName(i + 1)} failed`);
      }
      return performance.now() - start;
    }),
  );
  const rssStart = rssMiB(backend.child.pid!);
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
    rssStart,
    rssEnd: rssMiB(backend.child.pid!),
    views: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    coldFirstView: Math.max(...warmup),
    calls: await upstream.calls(),
  };
}

/** Prints both phases and the two ratios against the targets; sets the exit code. */
export function report(
  forjaName: string,
  forja: PhaseResult,
  proxy: PhaseResult,
) {
  const columns = [
    'views',
    'errors',
    'upstream',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'cold ms',
    'RSS MiB',
  ];
  const line = (name: string, cells: Array<string | number>) =>
    console.log(
      name.padEnd(24) + cells.map(c => String(c).padStart(10)).join(''),
    );
  line('backend', columns);
  for (const [name, r] of [
    [forjaName, forja],
    ['Backstage proxy', proxy],
  ] as const) {
    line(name, [
      r.views,
      r.errors,
      r.calls,
      ...[r.p50, r.p95, r.p99, r.coldFirstView].map(ms => ms.toFixed(1)),
      `${r.rssStart.toFixed(0)}->${r.rssEnd.toFixed(0)}`,
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
  process.exitCode =
    forja.errors > 0 ||
    callRatio < TARGET_CALL_RATIO ||
    p95Ratio < TARGET_P95_RATIO
      ? 1
      : 0;
}

export const describeRun = () =>
  console.log(
    `${VIEWERS} viewers over ${ENTITIES} entities for ${SECONDS} s each, think time ${THINK_MS} ms, upstream latency ${UPSTREAM_LATENCY_MS} ms`,
  );

/** Runs a benchmark's body, then stops its upstream and backend; failures exit 1. */
export function runBenchmark(
  body: () => Promise<{
    upstream: Upstream;
    backend: Backend;
    run: () => Promise<void>;
  }>,
) {
  body()
    .then(async ({ upstream, backend, run }) => {
      try {
        await run();
      } finally {
        backend.child.kill('SIGTERM');
        upstream.child.kill('SIGTERM');
      }
    })
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
}
