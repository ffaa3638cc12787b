// The portal's backend (packages/backend, every plugin the portal runs) as a production
// deployment runs it: PostgreSQL, a Redis cache shared by its replicas, and the app's
// production build served by the backend (app-backend). Each replica runs with monitor.ts
// loaded, so its memory and event loop delay land in a file the run reads.
import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalPostgres } from '../../packages/test-servers/src/postgres';

const ROOT = resolve(__dirname, '../..');
const nodeTransform = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

export interface Replica {
  url: string;
  child: ChildProcess;
  monitorFile: string;
  /** Asks monitor.ts for the event loop delay since the previous mark. */
  mark(): void;
  stop(): Promise<void>;
}

export interface MonitorLine {
  t: number;
  rssMiB: number;
  heapMiB: number;
  eldP99Ms: number;
  eldMaxMs: number;
  eldP50Ms?: number;
  mark?: boolean;
}

export const readMonitor = (replica: Replica): MonitorLine[] =>
  readFileSync(replica.monitorFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l));

/** The configuration every replica shares, but for its own port and base URL. */
export function replicaConfig(options: {
  port: number;
  postgres: LocalPostgres;
  redisUrl: string;
  shared: object;
}) {
  const url = `http://localhost:${options.port}`;
  const { host, port, user, password } = options.postgres;
  return {
    ...options.shared,
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      listen: { port: options.port },
      cors: { origin: url },
      database: { client: 'pg', connection: { host, port, user, password } },
      cache: { store: 'redis', connection: options.redisUrl },
    },
  };
}

/** Starts one replica of packages/backend on app-config.yaml and `config`. */
export function startReplica(options: {
  name: string;
  outputDir: string;
  config: ReturnType<typeof replicaConfig>;
  nodeArgs?: string[];
}): Replica {
  const { name, outputDir, config } = options;
  const configFile = join(outputDir, `app-config.${name}.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const monitorFile = join(outputDir, `monitor.${name}.jsonl`);
  writeFileSync(monitorFile, '');
  const log = openSync(join(outputDir, `${name}.log`), 'w');
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--require',
      nodeTransform,
      '--require',
      join(__dirname, 'monitor.ts'),
      'src/index.ts',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: join(ROOT, 'packages', 'backend'),
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        BENCH_MONITOR_FILE: monitorFile,
      },
    },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    url: config.backend.baseUrl,
    child,
    monitorFile,
    mark: () => child.kill('SIGUSR2'),
    async stop() {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode) return;
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A guest's token from a replica, once it answers; then waits for `ready(token)`. */
export async function signIn(
  replica: Replica,
  ready: (token: string) => Promise<boolean>,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (replica.child.exitCode !== null)
      throw new Error(`${replica.url} exited; see its log`);
    const refresh = await fetch(`${replica.url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (refresh?.ok) {
      const token = (await refresh.json()).backstageIdentity.token as string;
      if (await ready(token).catch(() => false)) return token;
    }
    await sleep(1000);
  }
  throw new Error(`${replica.url} not ready within ${timeoutMs / 1000} s`);
}
