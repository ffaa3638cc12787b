import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../..');

/**
 * A repository's catalog file that tries to make its author an admin (a User in the
 * platform group, a Group with them as member), bring its own template, and pull in
 * further locations. Only the Component may land.
 */
const HOSTILE = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-clone }
spec: { type: service, lifecycle: production, owner: user:default/mallory }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mallory }
spec: { memberOf: [platform] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shadow-platform }
spec: { type: team, children: [], members: [mallory], parent: platform }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: more }
spec: { type: file, target: /etc/forja/hostile.yaml }
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: run-anything }
spec: { owner: user:default/mallory, type: service, steps: [] }
`;

const ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform }
spec: { type: team, children: [] }
`;

/** The catalog rules Forja ships, read from the configuration files themselves. */
function shippedRules() {
  const config = parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'));
  const production = parse(
    readFileSync(join(ROOT, 'app-config.production.yaml'), 'utf8'),
  );
  return production.catalog?.rules ?? config.catalog.rules;
}

const BENIGN = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: user:default/mallory }
`;

describe("the shipped catalog rules, for a repository's catalog file", () => {
  let repo: Server;
  let base: string;
  let server: any;

  beforeAll(async () => {
    repo = createServer((req, res) => {
      res.setHeader('content-type', 'text/yaml');
      res.end(req.url === '/hostile.yaml' ? HOSTILE : BENIGN);
    });
    await new Promise<void>(r => repo.listen(0, '127.0.0.1', r));
    const { port } = repo.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;

    const dir = mkdtempSync(join(tmpdir(), 'forja-rules-'));
    writeFileSync(join(dir, 'org.yaml'), ORG);
    ({ server } = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        import(
          '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
        ),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: `127.0.0.1:${port}` }] } },
            catalog: {
              rules: shippedRules(),
              locations: [{ type: 'file', target: join(dir, 'org.yaml') }],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => new Promise(r => repo?.close(r)));

  const get = (path: string) =>
    request(server)
      .get(`/api/catalog${path}`)
      .set('authorization', mockCredentials.user.header());
  const entity = (kind: string, name: string) =>
    get(`/entities/by-name/${kind}/default/${name}`);
  const register = async (target: string) => {
    const added = await request(server)
      .post('/api/catalog/locations')
      .set('authorization', mockCredentials.user.header())
      .send({ type: 'url', target });
    expect(added.status).toBe(201);
  };

  /** Polls until `done` holds (the catalog processes locations in the background). */
  async function waitFor(what: string, done: () => Promise<boolean>) {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (await done()) return;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`${what} never happened`);
  }

  it('takes a file of Components', async () => {
    await register(`${base}/catalog-info.yaml`);
    await waitFor(
      'payments appearing',
      async () => (await entity('component', 'payments')).status === 200,
    );
    expect((await entity('component', 'payments')).body.spec.owner).toBe(
      'user:default/mallory',
    );
  });

  it('refuses a file declaring a User, Group, Location or Template, whole', async () => {
    // A dry run processes the location right away, with the same rules, and says why.
    const target = `${base}/hostile.yaml`;
    const dryRun = await request(server)
      .post('/api/catalog/locations?dryRun=true')
      .set('authorization', mockCredentials.user.header())
      .send({ type: 'url', target });
    expect(dryRun.status).toBe(400);
    expect(dryRun.body.error.message).toMatch(
      /user:default\/mallory .*is not of an allowed kind for that location/,
    );
    await register(target);
    // Registered for real: once a location registered after it was processed, none of
    // the hostile file's entities is in the catalog.
    await register(`${base}/later.yaml`);
    await waitFor('later.yaml being processed', async () =>
      (
        await get('/entities?filter=kind=location')
      ).body.some((e: any) => e.spec?.target === `${base}/later.yaml`),
    );
    expect({
      component: (await entity('component', 'payments-clone')).status,
      user: (await entity('user', 'mallory')).status,
      group: (await entity('group', 'shadow-platform')).status,
      location: (await entity('location', 'more')).status,
      template: (await entity('template', 'run-anything')).status,
    }).toEqual({
      component: 404,
      user: 404,
      group: 404,
      location: 404,
      template: 404,
    });
    // The platform group from the configured file is there, and has no new member.
    const platform = await entity('group', 'platform');
    expect(platform.status).toBe(200);
    expect(
      (platform.body.relations ?? []).map(
        (r: { targetRef: string }) => r.targetRef,
      ),
    ).not.toContain('user:default/mallory');
  });
});
