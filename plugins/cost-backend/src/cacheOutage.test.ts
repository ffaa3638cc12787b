import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import costPlugin from './index';

jest.setTimeout(60_000);

/** The cache store as Backstage's Redis client behaves while Redis is down: no answer. */
const hangingCache = () => {
  const calls: string[] = [];
  const hang = (name: string) => async () => {
    calls.push(name);
    return new Promise<never>(() => {});
  };
  return {
    calls,
    cache: mockServices.cache.mock({
      get: hang('get'),
      set: hang('set'),
      delete: hang('delete'),
    }),
  };
};

describe('cost backend while the cache store does not answer', () => {
  it('estimates from the folder directly when the store never answers', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-cost-outage-'));
    await fs.writeFile(
      path.join(dir, 'main.tf'),
      'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_eks_cluster" "main" {}\n',
    );
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'cluster',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
          'forja.dev/environments': 'dev',
          'forja.dev/terraform-dir': 'dir:.',
        },
      },
      spec: { owner: 'group:default/team-video' },
    };
    const { cache, calls } = hangingCache();
    const { server } = await startTestBackend({
      features: [
        costPlugin,
        cache.factory,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          // A local module repository: the estimate reads nothing remote.
          data: { forja: { terraformModules: { localPath: dir } } },
        }),
        mockServices.permissions.factory(),
      ],
    });
    try {
      const started = Date.now();
      const res = await request(server).get(
        '/api/cost/entities/resource/default/cluster',
      );
      expect(res.status).toBe(200);
      expect(res.body.environments).toEqual([
        expect.objectContaining({ environment: 'dev', status: 'ok' }),
      ]);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(calls).toContain('get');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
