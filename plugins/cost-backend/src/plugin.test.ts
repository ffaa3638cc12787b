import { JsonObject } from '@backstage/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import { promises as fs } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startFakeOpenCost } from '@forja/test-servers';
import costPlugin from './index';

const ROOT = path.resolve(__dirname, '../../..');
const VIDEO = path.join(ROOT, 'examples/systems/video-system');
const REPOSITORIES = { 'https://github.com/forja-dev/forja.git': ROOT };

const entity = (
  kind: string,
  name: string,
  location: string,
  annotations: Record<string, string>,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': location,
      ...annotations,
    },
  },
  spec: { owner: 'group:default/team-video' },
  ...extra,
});

const partOfVideo = {
  relations: [
    { type: 'partOf', targetRef: 'system:default/video-system' },
    { type: 'ownedBy', targetRef: 'group:default/team-video' },
  ],
};

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-video', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  entity('System', 'video-system', `file:${ROOT}/catalog/video-system.yaml`, {
    'forja.dev/cloud': 'aws',
    'forja.dev/region': 'us-east-1',
    'forja.dev/environments': 'dev,staging,prod',
    'forja.dev/terraform-dir': 'dir:../examples/systems/video-system/terraform',
  }),
  entity(
    'Resource',
    'video-dev-cluster',
    `file:${VIDEO}/catalog-info.yaml`,
    {
      'forja.dev/environments': 'dev',
      'forja.dev/terraform-dir': 'dir:./terraform/environments/dev',
    },
    { ...partOfVideo, spec: { owner: 'team-video', system: 'video-system' } },
  ),
  entity(
    'Component',
    'ms-auth',
    `file:${ROOT}/catalog/video-system.yaml`,
    {
      'forja.dev/environments': 'dev,prod',
      'forja.dev/kustomize-dir':
        'dir:../examples/systems/video-system/services/ms-auth/k8s',
    },
    { ...partOfVideo, spec: { owner: 'team-video', system: 'video-system' } },
  ),
  entity('Resource', 'video-eks', `file:${ROOT}/catalog/video-system.yaml`, {
    'forja.dev/terraform-dir': 'dir:../examples/systems/video-system/terraform',
  }),
  entity(
    'Component',
    'remote',
    'url:https://github.com/acme/infra/blob/main/catalog-info.yaml',
    {
      'forja.dev/environments': 'dev',
      'forja.dev/terraform-dir': 'dir:./terraform',
    },
  ),
];

/** A UrlReader serving one folder with an ETag, counting reads; it can fail on demand. */
function fakeReader(folder: string) {
  const state = { etag: 'rev-1', reads: 0, fail: false };
  const reader = mockServices.urlReader.mock({
    readTree: async (url, options) => {
      state.reads++;
      expect(url).toBe('https://github.com/acme/infra/blob/main/terraform');
      if (state.fail) throw new Error('GitHub answered 502');
      if (options?.etag === state.etag) throw new NotModifiedError();
      return {
        etag: state.etag,
        files: async () => [],
        archive: async () => {
          throw new Error('not used');
        },
        dir: async ({ targetDir } = {}) => {
          await fs.cp(folder, targetDir!, { recursive: true });
          return targetDir!;
        },
      };
    },
  });
  return { reader, state };
}

async function startBackend(options: {
  folder: string;
  deny?: boolean;
  revalidateSeconds?: number;
  maxPriceAgeDays?: number;
  entities?: Entity[];
  /** `cost.actual`. */
  actual?: JsonObject;
}) {
  const { reader, state } = fakeReader(options.folder);
  const { server } = await startTestBackend({
    features: [
      costPlugin,
      catalogServiceMock.factory({
        entities: [...ENTITIES, ...(options.entities ?? [])],
      }),
      reader.factory,
      mockServices.rootConfig.factory({
        data: {
          cost: {
            revalidateAfter: { seconds: options.revalidateSeconds ?? 60 },
            ...(options.maxPriceAgeDays !== undefined && {
              maxPriceAge: { days: options.maxPriceAgeDays },
            }),
            moduleRepositories: [
              { url: 'https://github.com/forja-dev/forja.git', path: ROOT },
            ],
            ...(options.actual && { actual: options.actual }),
          },
        },
      }),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({
            result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
          })),
      }).factory,
    ],
  });
  return { server, state };
}

async function remoteFolder() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-cost-remote-'));
  await fs.writeFile(
    path.join(dir, 'main.tf'),
    'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_eks_cluster" "main" {}\n',
  );
  return dir;
}

const get = (server: any, ref: string) =>
  request(server).get(`/api/cost/entities/${ref}`);

describe('cost backend', () => {
  it('prices an entity per environment from its folder, as the engine does', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const res = await get(server, 'resource/default/video-dev-cluster');
    expect(res.status).toBe(200);
    const expected = await estimatePath(`${VIDEO}/terraform/environments/dev`, {
      catalog: loadCatalog(),
      moduleRepositories: REPOSITORIES,
      project: 'dev',
    });
    expect(res.body.environments).toHaveLength(1);
    expect(res.body.environments[0]).toMatchObject({
      environment: 'dev',
      status: 'ok',
      estimate: { totalMonthlyCost: expected.totalMonthlyCost },
    });
    expect(Number(res.body.totalMonthlyCost)).toBeCloseTo(
      Number(expected.totalMonthlyCost),
      2,
    );
    expect(res.body.environments[0].revision).toMatch(/^sha256:/);
  });

  it('says how old the prices are and where they came from, flagged past the configured age', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const fresh = (await get(server, 'system/default/video-system')).body;
    expect(fresh.priceFreshness).toMatchObject({
      retrievedAt: fresh.pricesRetrievedAt,
      maxAgeDays: 180,
    });
    expect(fresh.priceFreshness.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'curated',
          kind: 'curated',
          file: 'prices/curated.json',
        }),
      ]),
    );
    const { server: strict } = await startBackend({
      folder: await remoteFolder(),
      maxPriceAgeDays: 1,
    });
    const stale = (await get(strict, 'system/default/video-system')).body;
    expect(stale.priceFreshness).toMatchObject({ maxAgeDays: 1, stale: true });
  });

  it('rolls a system up per environment, counting a folder shared by members once', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const system = (await get(server, 'system/default/video-system')).body;
    const cluster = (await get(server, 'resource/default/video-dev-cluster'))
      .body;
    const auth = (await get(server, 'component/default/ms-auth')).body;
    expect(system.environments.map((e: any) => e.environment).sort()).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
    const dev = system.environments.find((e: any) => e.environment === 'dev');
    // The system's dev folder and the cluster's folder are the same: counted once, plus
    // ms-auth's pods.
    const authDev = auth.environments.find((e: any) => e.environment === 'dev');
    expect(Number(dev.estimate.totalMonthlyCost)).toBeCloseTo(
      Number(cluster.totalMonthlyCost) +
        Number(authDev.estimate.totalMonthlyCost),
      2,
    );
    expect(system.members.map((m: any) => m.entityRef).sort()).toEqual([
      'component:default/ms-auth',
      'resource:default/video-dev-cluster',
      'system:default/video-system',
    ]);
  });

  it('rolls a group up over the entities it owns', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const group = (await get(server, 'group/default/team-video')).body;
    expect(group.members.map((m: any) => m.entityRef).sort()).toEqual([
      'component:default/ms-auth',
      'resource:default/video-dev-cluster',
    ]);
    const cluster = (await get(server, 'resource/default/video-dev-cluster'))
      .body;
    const auth = (await get(server, 'component/default/ms-auth')).body;
    // Each total is rounded to cents: the sum may differ by one.
    expect(Number(group.totalMonthlyCost)).toBeCloseTo(
      Number(cluster.totalMonthlyCost) + Number(auth.totalMonthlyCost),
      1,
    );
  });

  it('finds the environments in the folder when the entity does not declare them', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const res = await get(server, 'resource/default/video-eks');
    expect(
      res.body.environments.map((e: any) => [e.environment, e.status]),
    ).toEqual([
      ['dev', 'ok'],
      ['prod', 'ok'],
      ['staging', 'ok'],
    ]);
  });

  it("prices a component's pods on its system's cloud, region and node pool", async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const res = await get(server, 'component/default/ms-auth');
    const dev = res.body.environments.find((e: any) => e.environment === 'dev');
    expect(dev.status).toBe('ok');
    const resources = dev.estimate.projects[0].breakdown.resources;
    expect(resources.map((r: any) => r.resourceType)).toContain(
      'kubernetes_workload',
    );
    expect(resources[0].metadata).toMatchObject({
      cloud: 'aws',
      region: 'us-east-1',
    });
    // On the node pool the system's Terraform declares for dev (3 x m6i.large), not on a
    // default machine; only the traffic of the ALB its Ingress gets is assumed.
    expect(dev.estimate.coverage.assumedUsage).toEqual([
      {
        address: 'Ingress/video-system/ms-auth',
        key: 'capacity_units',
        value: 1,
      },
    ]);
    expect(resources.map((r: any) => r.resourceType)).toContain('aws_lb');
    expect(resources[0].costComponents[0].name).toMatch(/ of a m6i\.large /);
  });

  it('keeps estimates per source revision and reads a URL source again only after the period', async () => {
    const folder = await remoteFolder();
    const { server, state } = await startBackend({
      folder,
      revalidateSeconds: 0,
    });
    const first = (await get(server, 'component/default/remote')).body;
    expect(first.environments[0]).toMatchObject({
      status: 'ok',
      revision: 'rev-1',
    });
    expect(state.reads).toBe(1);
    // Same revision (NotModified): the same estimate, not computed again.
    const second = (await get(server, 'component/default/remote')).body;
    expect(state.reads).toBe(2);
    expect(second.environments[0].computedAt).toBe(
      first.environments[0].computedAt,
    );
    // A new revision is estimated again, from the new content.
    await fs.appendFile(
      path.join(folder, 'main.tf'),
      'resource "aws_eip" "extra" {}\n',
    );
    state.etag = 'rev-2';
    const third = (await get(server, 'component/default/remote')).body;
    expect(third.environments[0].revision).toBe('rev-2');
    expect(Number(third.totalMonthlyCost)).toBeGreaterThan(
      Number(first.totalMonthlyCost),
    );
  });

  it('never keeps a failed run, and a failing source degrades only its own estimate', async () => {
    const { server, state } = await startBackend({
      folder: await remoteFolder(),
      revalidateSeconds: 3600,
    });
    state.fail = true;
    const failed = (await get(server, 'component/default/remote')).body;
    expect(failed.environments[0]).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('GitHub answered 502'),
    });
    expect(failed.totalMonthlyCost).toBe('0.00');
    state.fail = false;
    const ok = (await get(server, 'component/default/remote')).body;
    expect(ok.environments[0].status).toBe('ok');
    expect(state.reads).toBe(2);
  });

  it('needs cost.entity.read on the entity and a signed-in user', async () => {
    const { server } = await startBackend({
      folder: await remoteFolder(),
      deny: true,
    });
    const denied = await get(server, 'component/default/ms-auth');
    expect(denied.status).toBe(403);
    const anonymous = await get(server, 'component/default/ms-auth').set(
      'Authorization',
      mockCredentials.none.header(),
    );
    expect(anonymous.status).toBe(401);
  });
});

/** An HTTP server on 127.0.0.1 counting what it is asked; `stall` never answers. */
async function countingServer(stall = false) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (stall) return;
    res.end(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\ndata:\n  token: from-the-server\n',
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests: { cpu: 500m, memory: 1Gi }
`;

const KUSTOMIZE_TARGET = {
  'forja.dev/cloud': 'aws',
  'forja.dev/region': 'us-east-1',
  'forja.dev/cost-node-machine': 'm6i.large',
};

/** Files (and symlinks, as `{ link }`) under `dir`. */
async function writeTree(
  dir: string,
  files: Record<string, string | { link: string }>,
) {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    if (typeof content === 'string') await fs.writeFile(full, content);
    else await fs.symlink(content.link, full);
  }
}

/**
 * A repository checkout (it has `.git`) holding an entity's catalog file and its folders,
 * beside other trees on the same disk that nothing in it may reach.
 */
async function hostileCheckout(
  name: string,
  files: Record<string, string | { link: string }>,
) {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), `forja-${name}-`));
  const tree = path.join(parent, 'tree');
  await fs.mkdir(path.join(tree, '.git'), { recursive: true });
  await writeTree(tree, {
    'k8s/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'k8s/base/deployment.yaml': DEPLOYMENT,
    ...files,
  });
  // What lies outside the checkout: another team's base, a secret, Terraform.
  await writeTree(parent, {
    'outside/kustomization.yaml':
      'resources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: other-team\n    literals: [PASSWORD=hunter2]\n',
    'outside/deployment.yaml': DEPLOYMENT.replace('name: web', 'name: other'),
    'x/kustomization.yaml': 'resources:\n  - ../outside\n',
    'outside-terraform/main.tf':
      'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_eks_cluster" "other" {}\n',
  });
  return { parent, tree, location: `file:${tree}/catalog-info.yaml` };
}

describe('cost backend with hostile folders', () => {
  jest.setTimeout(180_000);
  let normalCount = 0;

  /** A normal entity nobody asked about yet: its estimate must be computed now. */
  async function normalEntity() {
    const name = `normal-${++normalCount}`;
    const { location } = await hostileCheckout(name, {
      'k8s/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
    });
    return entity(
      'Component',
      name,
      location,
      {
        ...KUSTOMIZE_TARGET,
        'forja.dev/environments': 'dev',
        'forja.dev/kustomize-dir': 'dir:./k8s',
      },
      { spec: { owner: 'team-video' } },
    );
  }

  /** Starts the backend with the hostile entity and a normal one; asks for the hostile. */
  async function hostile(
    annotations: Record<string, string>,
    files: Record<string, string | { link: string }>,
  ) {
    const checkout = await hostileCheckout('hostile', files);
    const bad = entity('Component', 'hostile', checkout.location, {
      ...KUSTOMIZE_TARGET,
      ...annotations,
    });
    const normal = await normalEntity();
    const { server } = await startBackend({
      folder: await remoteFolder(),
      entities: [bad, normal],
    });
    const res = await get(server, 'component/default/hostile').timeout(60_000);
    expect(res.status).toBe(200);
    const byEnvironment = Object.fromEntries(
      (res.body.environments as any[]).map(e => [e.environment, e]),
    );
    /** The backend still answers another entity, computed now, within generous time. */
    const othersStillAnswered = async () => {
      const started = Date.now();
      const other = await get(
        server,
        `component/default/${normal.metadata.name}`,
      ).timeout(60_000);
      expect(other.status).toBe(200);
      expect(other.body.environments[0]).toMatchObject({
        environment: 'dev',
        status: 'ok',
      });
      expect(Number(other.body.totalMonthlyCost)).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(60_000);
    };
    return { res, byEnvironment, checkout, othersStillAnswered };
  }

  it('fetches no remote resource: nothing reaches the server, the environment says why', async () => {
    const upstream = await countingServer();
    try {
      const { byEnvironment, othersStillAnswered } = await hostile(
        {
          'forja.dev/environments': 'dev',
          'forja.dev/kustomize-dir': 'dir:./k8s',
        },
        {
          'k8s/overlays/dev/kustomization.yaml': `resources:\n  - ../../base\n  - ${upstream.url}/configmap.yaml\n`,
        },
      );
      expect(upstream.requests).toEqual([]);
      expect(byEnvironment.dev).toMatchObject({ status: 'failed' });
      expect(byEnvironment.dev.message).toContain(
        `${upstream.url}/configmap.yaml`,
      );
      expect(byEnvironment.dev.message).toMatch(/remote/);
      await othersStillAnswered();
      expect(upstream.requests).toEqual([]);
    } finally {
      await upstream.close();
    }
  });

  it('does not hang on a slow remote, and other entities are still estimated', async () => {
    const upstream = await countingServer(true);
    try {
      const { byEnvironment, othersStillAnswered } = await hostile(
        {
          'forja.dev/environments': 'dev,staging',
          'forja.dev/kustomize-dir': 'dir:./k8s',
        },
        {
          'k8s/overlays/dev/kustomization.yaml': `resources:\n  - ../../base\n  - ${upstream.url}/dev.yaml\n`,
          'k8s/overlays/staging/kustomization.yaml': `resources:\n  - ../../base\ncomponents:\n  - ${upstream.url}/staging\n`,
        },
      );
      expect(upstream.requests).toEqual([]);
      for (const env of ['dev', 'staging']) {
        expect(byEnvironment[env]).toMatchObject({ status: 'failed' });
        expect(byEnvironment[env].message).toMatch(/remote/);
      }
      await othersStillAnswered();
    } finally {
      await upstream.close();
    }
  });

  it('loads no base outside the tree, by a relative or an absolute path', async () => {
    const { byEnvironment, checkout, othersStillAnswered } = await hostile(
      {
        'forja.dev/environments': 'dev',
        'forja.dev/kustomize-dir': 'dir:./k8s',
      },
      {
        'k8s/overlays/dev/kustomization.yaml':
          'resources:\n  - ../../base\n  - ../../../../outside\n',
        // Filled in below with the absolute path of the tree beside this one.
        'k8s/overlays/staging/kustomization.yaml': '',
      },
    );
    expect(byEnvironment.dev).toMatchObject({ status: 'failed' });
    expect(byEnvironment.dev.message).toContain('../../../../outside');
    expect(byEnvironment.dev.message).toMatch(/outside the folder/);
    await othersStillAnswered();

    // The same checkout with an absolute path, read fresh by a new backend.
    await fs.writeFile(
      path.join(checkout.tree, 'k8s/overlays/staging/kustomization.yaml'),
      `resources:\n  - ../../base\n  - ${checkout.parent}/outside\n`,
    );
    const bad = entity('Component', 'hostile', checkout.location, {
      ...KUSTOMIZE_TARGET,
      'forja.dev/environments': 'staging',
      'forja.dev/kustomize-dir': 'dir:./k8s',
    });
    const { server } = await startBackend({
      folder: await remoteFolder(),
      entities: [bad],
    });
    const staging = (await get(server, 'component/default/hostile')).body
      .environments[0];
    expect(staging).toMatchObject({ environment: 'staging', status: 'failed' });
    expect(staging.message).toContain(`${checkout.parent}/outside`);
    expect(staging.message).toMatch(/outside the folder/);
  });

  it('follows no symlink out of the tree', async () => {
    const { byEnvironment, othersStillAnswered } = await hostile(
      {
        'forja.dev/environments': 'dev,staging',
        'forja.dev/kustomize-dir': 'dir:./k8s',
      },
      {
        // A folder and a file that point outside the checkout.
        'k8s/overlays/dev/kustomization.yaml':
          'resources:\n  - ../../base\n  - linked\n',
        'k8s/overlays/dev/linked': { link: '../../../../outside' },
        'k8s/overlays/staging/kustomization.yaml':
          'resources:\n  - ../../base\n  - other.yaml\n',
        'k8s/overlays/staging/other.yaml': {
          link: '../../../../outside/deployment.yaml',
        },
      },
    );
    for (const [env, entry] of [
      ['dev', 'linked'],
      ['staging', 'other.yaml'],
    ]) {
      expect(byEnvironment[env]).toMatchObject({ status: 'failed' });
      expect(byEnvironment[env].message).toContain(entry);
      expect(byEnvironment[env].message).toMatch(/outside the folder/);
    }
    await othersStillAnswered();
  });

  it('takes environment names as names, not paths', async () => {
    const { res, byEnvironment, othersStillAnswered } = await hostile(
      {
        'forja.dev/environments': 'dev,../../../x',
        'forja.dev/kustomize-dir': 'dir:./k8s',
      },
      {
        'k8s/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
      },
    );
    expect(byEnvironment['../../../x']).toMatchObject({ status: 'failed' });
    expect(byEnvironment['../../../x'].message).toMatch(
      /"\.\.\/\.\.\/\.\.\/x" is not an environment name/,
    );
    // The valid environment is still priced, and only it counts.
    expect(byEnvironment.dev).toMatchObject({ status: 'ok' });
    expect(res.body.totalMonthlyCost).toBe(
      byEnvironment.dev.estimate.totalMonthlyCost,
    );
    await othersStillAnswered();
  });

  it('keeps dir: inside the checkout the catalog file is in', async () => {
    const { byEnvironment, othersStillAnswered } = await hostile(
      {
        'forja.dev/environments': 'dev',
        'forja.dev/terraform-dir': 'dir:../outside-terraform',
      },
      {},
    );
    expect(byEnvironment.dev).toMatchObject({ status: 'failed' });
    expect(byEnvironment.dev.message).toMatch(
      /dir:\.\.\/outside-terraform.*outside/,
    );
    await othersStillAnswered();
  });

  it('refuses dir:/ at once instead of walking the disk', async () => {
    const { byEnvironment, othersStillAnswered } = await hostile(
      { 'forja.dev/environments': 'dev', 'forja.dev/terraform-dir': 'dir:/' },
      {},
    );
    expect(byEnvironment.dev).toMatchObject({ status: 'failed' });
    expect(byEnvironment.dev.message).toMatch(/dir:\/.*outside/);
    await othersStillAnswered();
  });

  it('bounds count: 50,000,000 instances are a problem in the coverage, not expanded', async () => {
    const { byEnvironment, othersStillAnswered } = await hostile(
      {
        'forja.dev/environments': 'dev',
        'forja.dev/terraform-dir': 'dir:./terraform',
      },
      {
        'terraform/main.tf': [
          'provider "aws" {\n  region = "us-east-1"\n}',
          'resource "aws_instance" "fleet" {\n  count         = 50000000\n  instance_type = "m6i.large"\n}',
          'resource "aws_eks_cluster" "main" {}',
        ].join('\n'),
      },
    );
    expect(byEnvironment.dev).toMatchObject({ status: 'ok' });
    const { coverage, projects } = byEnvironment.dev.estimate;
    expect(coverage.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: expect.stringMatching(
            /aws_instance\.fleet: count is 50000000, more than 10000 instances/,
          ),
        }),
      ]),
    );
    const priced = projects[0].breakdown.resources.map((r: any) => r.name);
    expect(priced).toContain('aws_eks_cluster.main');
    expect(priced.filter((n: string) => n.startsWith('aws_instance'))).toEqual(
      [],
    );
    await othersStillAnswered();
  });
});

describe("cost backend pricing an environment's Resources over their own modules", () => {
  jest.setTimeout(180_000);
  const PROD = `${VIDEO}/terraform/environments/prod`;
  const partOf = (system: string) => ({
    relations: [
      { type: 'partOf', targetRef: `system:default/${system}` },
      { type: 'ownedBy', targetRef: 'group:default/team-video' },
    ],
    spec: { owner: 'team-video', system },
  });
  /** A Resource of video's prod, part of `system`, priced over the modules it names. */
  const prodResource = (
    name: string,
    system: string,
    annotations: Record<string, string>,
  ) =>
    entity(
      'Resource',
      name,
      `file:${VIDEO}/catalog-info.yaml`,
      {
        'forja.dev/environments': 'prod',
        'forja.dev/terraform-dir': 'dir:./terraform/environments/prod',
        ...annotations,
      },
      partOf(system),
    );
  // The environment template's Resources of video's prod: the broker's module, and the
  // rest (network, cluster, add-ons, registry, DNS, service wiring, Argo CD) the cluster's.
  const parts = (system: string) => [
    prodResource(`${system}-broker`, system, {
      'forja.dev/terraform-modules': 'broker',
    }),
    prodResource(`${system}-cluster`, system, {
      'forja.dev/terraform-modules-exclude': 'broker',
    }),
  ];
  const system = (name: string, annotations: Record<string, string> = {}) =>
    entity('System', name, `file:${ROOT}/catalog/video-system.yaml`, {
      'forja.dev/environments': 'prod',
      ...annotations,
    });
  const whole = () =>
    estimatePath(PROD, {
      catalog: loadCatalog(),
      moduleRepositories: REPOSITORIES,
      project: 'prod',
    });
  const names = (env: any): string[] =>
    env.estimate.projects[0].breakdown.resources.map((r: any) => r.name);
  const inBroker = (address: string) => /^module\.broker[.[]/.test(address);
  const sumOf = (resources: Array<{ monthlyCost: string | null }>) =>
    resources.reduce((sum, r) => sum + Number(r.monthlyCost ?? 0), 0);

  it("prices a Resource over its modules only, and the cluster's over the rest", async () => {
    const expected = await whole();
    const { server } = await startBackend({
      folder: await remoteFolder(),
      entities: [system('scoped'), ...parts('scoped')],
    });
    const broker = (await get(server, 'resource/default/scoped-broker')).body
      .environments[0];
    const cluster = (await get(server, 'resource/default/scoped-cluster')).body
      .environments[0];
    expect(broker.status).toBe('ok');
    expect(cluster.status).toBe('ok');
    const all = expected.projects[0].breakdown.resources;
    expect(names(broker)).toEqual(
      all.map(r => r.name).filter(name => inBroker(name)),
    );
    expect(names(broker).length).toBeGreaterThan(0);
    expect(names(cluster)).toEqual(
      all.map(r => r.name).filter(name => !inBroker(name)),
    );
    expect(names(cluster)).toContain('module.network.aws_nat_gateway.this');
    expect(Number(broker.estimate.totalMonthlyCost)).toBeCloseTo(
      sumOf(all.filter(r => inBroker(r.name))),
      2,
    );
    // Each is a part of the environment: together, the whole folder.
    expect(
      Number(broker.estimate.totalMonthlyCost) +
        Number(cluster.estimate.totalMonthlyCost),
    ).toBeCloseTo(Number(expected.totalMonthlyCost), 2);
    expect(Number(broker.estimate.totalMonthlyCost)).toBeLessThan(
      Number(expected.totalMonthlyCost),
    );
  });

  it("rolls a system up over its Resources' modules: the whole folder, once", async () => {
    const expected = await whole();
    const { server } = await startBackend({
      folder: await remoteFolder(),
      entities: [
        system('scoped'),
        ...parts('scoped'),
        // A system priced over the whole folder too: its Resources are parts of it.
        system('scoped-whole', {
          'forja.dev/terraform-dir':
            'dir:../examples/systems/video-system/terraform',
        }),
        ...parts('scoped-whole'),
        // The same selection twice is one part.
        prodResource('scoped-whole-broker-again', 'scoped-whole', {
          'forja.dev/terraform-modules': ' broker ',
        }),
      ],
    });
    for (const name of ['scoped', 'scoped-whole']) {
      const rollup = (await get(server, `system/default/${name}`)).body;
      expect(rollup.environments).toHaveLength(1);
      expect(rollup.environments[0].status).toBe('ok');
      expect(Number(rollup.totalMonthlyCost)).toBeCloseTo(
        Number(expected.totalMonthlyCost),
        2,
      );
    }
    const members = (await get(server, 'system/default/scoped')).body.members;
    expect(
      Number(members[0].totalMonthlyCost) + Number(members[1].totalMonthlyCost),
    ).toBeCloseTo(Number(expected.totalMonthlyCost), 1);
  });

  it('refuses a module selection that is not a list of module names, naming the annotation', async () => {
    const hostileSelections: Array<Record<string, string>> = [
      { 'forja.dev/terraform-modules': '../../etc/passwd' },
      { 'forja.dev/terraform-modules': 'broker,$(reboot)' },
      { 'forja.dev/terraform-modules-exclude': 'module.broker' },
      { 'forja.dev/terraform-modules': 'x'.repeat(200) },
      {
        'forja.dev/terraform-modules': 'broker',
        'forja.dev/terraform-modules-exclude': 'broker',
      },
      { 'forja.dev/terraform-modules': ',' },
    ];
    const { server } = await startBackend({
      folder: await remoteFolder(),
      entities: hostileSelections.map((annotations, index) =>
        prodResource(`hostile-${index}`, 'scoped', annotations),
      ),
    });
    for (const [index, annotations] of hostileSelections.entries()) {
      const res = await get(server, `resource/default/hostile-${index}`);
      expect(res.status).toBe(200);
      expect(res.body.environments[0]).toMatchObject({
        environment: 'prod',
        status: 'failed',
        message: expect.stringMatching(/^forja\.dev\/terraform-modules/),
      });
      expect(res.body.totalMonthlyCost).toBe('0.00');
      expect(Object.keys(annotations).length).toBeGreaterThan(0);
    }
  });
});

describe('actual spend route', () => {
  const lastMonth = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
  };

  it("serves the entity's actual spend from OpenCost beside its estimate", async () => {
    const month = lastMonth();
    const opencost = await startFakeOpenCost({
      spend: [
        { entity: 'ms-auth', environment: 'dev', month, amount: 42 },
        { entity: 'video-eks', environment: 'dev', month, amount: 5000 },
      ],
    });
    try {
      const { server } = await startBackend({
        folder: await remoteFolder(),
        actual: { driftShare: 0.25, opencost: { baseUrl: opencost.url } },
      });
      const res = await get(server, 'component/default/ms-auth/actual');
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/ms-auth',
        tagValue: 'ms-auth',
        driftShare: 0.25,
      });
      const dev = res.body.environments.find(
        (e: any) => e.environment === 'dev',
      );
      expect(dev.lastMonth).toEqual({
        month,
        actual: '42.00',
        bySource: { opencost: '42.00' },
      });
      expect(Number(dev.estimate)).toBeGreaterThan(0);
      expect(dev.months).toHaveLength(6);
      expect(res.body.sources.map((s: any) => s.status)).toEqual([
        'ok',
        'not-configured',
        'not-configured',
        'not-configured',
      ]);
    } finally {
      await opencost.close();
    }
  });

  it('needs cost.entity.read and a signed-in user; denied, nothing reaches OpenCost', async () => {
    const opencost = await startFakeOpenCost({ spend: [] });
    try {
      const { server } = await startBackend({
        folder: await remoteFolder(),
        deny: true,
        actual: { opencost: { baseUrl: opencost.url } },
      });
      expect(
        (await get(server, 'component/default/ms-auth/actual')).status,
      ).toBe(403);
      const anonymous = await get(
        server,
        'component/default/ms-auth/actual',
      ).set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      expect(opencost.requests).toEqual([]);
    } finally {
      await opencost.close();
    }
  });

  it('answers 400 for an entity whose spend cannot be told apart by its name', async () => {
    const { server } = await startBackend({ folder: await remoteFolder() });
    const res = await get(server, 'system/default/video-system/actual');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Components and Resources/);
  });
});
