import { freePort, LocalPostgres, LocalRedis } from '@forja/test-servers';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
/** What a deployment adds on top in these tests: a static token to call the API. */
export const STATIC_TOKEN = 'production-test-static-token';

export interface BackendProcess {
  baseUrl: string;
  log(): string;
  /** Calls the API with the static token (or the given one). */
  fetch(
    path: string,
    init?: RequestInit & { token?: string },
  ): Promise<Response>;
  /** The JSON of `path` once it answers 200 (the backend may still be starting). */
  waitForJson(path: string, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
}

/**
 * The real backend (packages/backend/src/index.ts) in its own process on
 * app-config.production.yaml, against a real PostgreSQL and Redis.
 */
export async function startBackendProcess(options: {
  postgres: LocalPostgres;
  redis: LocalRedis;
  config?: object;
}): Promise<BackendProcess> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const testConfig = join(
    mkdtempSync(join(tmpdir(), 'forja-prod-')),
    'app-config.test.yaml',
  );
  writeFileSync(
    testConfig,
    JSON.stringify({
      ...options.config,
      backend: {
        listen: { port },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: STATIC_TOKEN, subject: 'production-test' },
            },
          ],
        },
        ...(options.config as { backend?: object } | undefined)?.backend,
      },
    }),
  );
  const { postgres, redis } = options;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'packages/backend/src/index.ts',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      testConfig,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        FORJA_BASE_URL: baseUrl,
        POSTGRES_HOST: postgres.host,
        POSTGRES_PORT: String(postgres.port),
        POSTGRES_USER: postgres.user,
        POSTGRES_PASSWORD: postgres.password,
        REDIS_URL: redis.url,
        BACKEND_SECRET: 'production-test-backend-secret',
        AUTH_GITHUB_CLIENT_ID: 'test-client-id',
        AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
        // Configured, never called by these tests.
        ARGOCD_URL: 'http://127.0.0.1:9',
        ARGOCD_TOKEN: 'test-argocd-token',
        GRAFANA_URL: 'http://127.0.0.1:9',
        GRAFANA_TOKEN: 'test-grafana-token',
      },
    },
  );
  let log = '';
  child.stdout?.on('data', chunk => (log += chunk));
  child.stderr?.on('data', chunk => (log += chunk));

  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${init.token ?? STATIC_TOKEN}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });

  return {
    baseUrl,
    log: () => log,
    fetch: call,
    async waitForJson(path, timeoutMs = 150_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || log.includes('Unhandled rejection')) {
          throw new Error(`the backend failed:\n${log.slice(-4000)}`);
        }
        const response = await call(path).catch(() => undefined);
        if (response?.ok) return response.json();
        await new Promise(r => setTimeout(r, 1000));
      }
      throw new Error(`${path} never answered 200:\n${log.slice(-4000)}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    },
  };
}
