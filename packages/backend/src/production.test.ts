import { LocalPostgres, freePort, startPostgres } from '@forja/test-servers';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../..');
const STATIC_TOKEN = 'production-test-static-token';

/**
 * Boots the real backend (packages/backend/src/index.ts) with app-config.production.yaml
 * against a real PostgreSQL server, then reads the demo catalog back through its API.
 */
describe('the backend on its production configuration', () => {
  let postgres: LocalPostgres;
  let backend: ChildProcess;
  let baseUrl: string;
  let log = '';

  beforeAll(async () => {
    postgres = await startPostgres();
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    // What a deployment adds on top: a static token for this test to call the API.
    const testConfig = join(
      mkdtempSync(join(tmpdir(), 'forja-prod-')),
      'app-config.test.yaml',
    );
    writeFileSync(
      testConfig,
      JSON.stringify({
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
        },
      }),
    );
    backend = spawn(
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
          BACKEND_SECRET: 'production-test-backend-secret',
          AUTH_GITHUB_CLIENT_ID: 'test-client-id',
          AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
        },
      },
    );
    backend.stdout?.on('data', chunk => (log += chunk));
    backend.stderr?.on('data', chunk => (log += chunk));
  }, 120_000);

  afterAll(async () => {
    backend?.kill('SIGTERM');
    await new Promise(r => backend?.once('exit', r) ?? r(undefined));
    await postgres?.stop();
  }, 60_000);

  async function waitForEntity(path: string, deadline: number) {
    while (Date.now() < deadline) {
      if (backend.exitCode !== null || log.includes('Unhandled rejection')) {
        throw new Error(`the backend failed to start:\n${log.slice(-4000)}`);
      }
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { authorization: `Bearer ${STATIC_TOKEN}` },
      }).catch(() => undefined);
      if (response?.ok) return response.json();
      await new Promise(r => setTimeout(r, 1000));
    }
    throw new Error(`${path} never answered 200:\n${log.slice(-4000)}`);
  }

  it('stores the catalog in PostgreSQL and serves it back', async () => {
    const entity = await waitForEntity(
      '/api/catalog/entities/by-name/component/default/ms-auth',
      Date.now() + 150_000,
    );
    expect(entity.metadata.annotations['backstage.io/kubernetes-id']).toBe(
      'ms-auth',
    );

    const client = new Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: 'backstage_plugin_catalog',
    });
    await client.connect();
    try {
      const rows = await client.query(
        "select count(*)::int as n from final_entities where entity_ref = 'component:default/ms-auth'",
      );
      expect(rows.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }

    const readiness = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    expect(readiness.status).toBe(200);
  }, 180_000);

  it('rejects catalog reads without credentials', async () => {
    const response = await fetch(`${baseUrl}/api/catalog/entities`);
    expect(response.status).toBe(401);
  });
});
