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
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
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
}) {
  const { reader, state } = fakeReader(options.folder);
  const { server } = await startTestBackend({
    features: [
      costPlugin,
      catalogServiceMock.factory({ entities: ENTITIES }),
      reader.factory,
      mockServices.rootConfig.factory({
        data: {
          cost: {
            revalidateSeconds: options.revalidateSeconds ?? 60,
            moduleRepositories: [
              { url: 'https://github.com/forja-dev/forja.git', path: ROOT },
            ],
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
    // default machine.
    expect(dev.estimate.coverage.assumedUsage).toEqual([]);
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
