import {
  LocalPostgres,
  LocalRedis,
  startPostgres,
  startRedis,
} from '@forja/test-servers';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  BackendProcess,
  ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';

/** A catalog file served over HTTP: what a team registers from its repository. */
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: scaled-out
  annotations:
    forja.dev/environments: dev
    forja.dev/cloud: aws
    forja.dev/region: us-east-1
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform
`;

/**
 * A Template: only the configuration's locations may declare one (a repository's file
 * that does is refused whole), so it is added as a configured file.
 */
const TEMPLATE = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: scaled-out-log
  title: Log a message
spec:
  owner: group:default/platform
  type: service
  parameters:
    - properties:
        message:
          type: string
  steps:
    - id: log
      name: Log the message
      action: debug:log
      input:
        message: \${{ parameters.message }}
`;

/** The production configuration's catalog locations plus a Template file of the test's. */
function locationsWithTestTemplate() {
  const template = join(
    mkdtempSync(join(tmpdir(), 'forja-scaleout-')),
    'template.yaml',
  );
  writeFileSync(template, TEMPLATE);
  const production = parse(
    readFileSync(join(ROOT, 'app-config.production.yaml'), 'utf8'),
  );
  return [
    ...production.catalog.locations,
    { type: 'file', target: template, rules: [{ allow: ['Template'] }] },
  ];
}

async function serveCatalog(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/catalog-info.yaml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(CATALOG);
    } else res.writeHead(404).end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

/**
 * Two backend processes on one PostgreSQL and one Redis, as k8s/base runs Forja with
 * several replicas: what one writes, the other reads.
 */
describe('two backend replicas sharing PostgreSQL and Redis', () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let files: { server: Server; url: string };
  let one: BackendProcess;
  let other: BackendProcess;

  /** A signed-in user's token (the guest provider, enabled for this test only). */
  async function userToken(backend: BackendProcess): Promise<string> {
    const response = await backend.fetch('/api/auth/guest/refresh', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(response.status).toBe(200);
    return (await response.json()).backstageIdentity.token;
  }

  beforeAll(async () => {
    [postgres, redis, files] = await Promise.all([
      startPostgres(),
      startRedis(),
      serveCatalog(),
    ]);
    const config = {
      backend: { reading: { allow: [{ host: new URL(files.url).host }] } },
      catalog: { locations: locationsWithTestTemplate() },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
    };
    // One after the other: the first creates the plugins' databases.
    one = await startBackendProcess({ postgres, redis, config });
    await one.waitForJson(
      '/api/catalog/entities/by-name/component/default/ms-auth',
    );
    other = await startBackendProcess({ postgres, redis, config });
    await other.waitForJson(
      '/api/catalog/entities/by-name/component/default/ms-auth',
    );
  }, 400_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), other?.stop()]);
    await Promise.all([postgres?.stop(), redis?.stop()]);
    files?.server.close();
  }, 60_000);

  it('reads through one replica an entity registered through the other', async () => {
    const created = await one.fetch('/api/catalog/locations', {
      method: 'POST',
      body: JSON.stringify({
        type: 'url',
        target: `${files.url}/catalog-info.yaml`,
      }),
    });
    expect(created.status).toBe(201);
    const entity = await other.waitForJson(
      '/api/catalog/entities/by-name/component/default/scaled-out',
      120_000,
    );
    expect(entity.spec.owner).toBe('group:default/platform');
  }, 150_000);

  it('shows through one replica a scaffolder task, with its logs, created through the other', async () => {
    await other.waitForJson(
      '/api/catalog/entities/by-name/template/default/scaled-out-log',
      120_000,
    );
    const token = await userToken(one);
    const created = await one.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      token,
      body: JSON.stringify({
        templateRef: 'template:default/scaled-out-log',
        values: { message: 'hello from the first replica' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    let status = '';
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const task = await (
        await other.fetch(`/api/scaffolder/v2/tasks/${id}`, { token })
      ).json();
      status = task.status;
      if (['completed', 'failed'].includes(status)) break;
      await new Promise(r => setTimeout(r, 500));
    }
    expect(status).toBe('completed');
    const events = await (
      await other.fetch(`/api/scaffolder/v2/tasks/${id}/events`, { token })
    ).json();
    expect(JSON.stringify(events)).toContain('hello from the first replica');
  }, 150_000);

  it('reads through one replica a cache entry the other set', async () => {
    const token = await userToken(one);
    const path = '/api/cost/entities/component/default/ms-auth';
    const first = await (await one.fetch(path, { token })).json();
    const dev = first.environments.find((e: any) => e.environment === 'dev');
    expect(dev.status).toBe('ok');
    // The second replica has never estimated ms-auth: it answers from Redis, the same
    // estimate computed at the same moment.
    const second = await (await other.fetch(path, { token })).json();
    expect(
      second.environments.find((e: any) => e.environment === 'dev').computedAt,
    ).toBe(dev.computedAt);
    expect(second.totalMonthlyCost).toBe(first.totalMonthlyCost);
  }, 120_000);
});
