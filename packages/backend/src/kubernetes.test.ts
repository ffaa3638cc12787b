import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import {
  LocalServer,
  startFakeKubernetesApi,
  workloadFixture,
} from '@forja/test-servers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';

const TOKEN = 'sa-token-for-tests';

function demoEntity(file: string, name: string): Entity {
  const text = readFileSync(join(__dirname, '../../../catalog', file), 'utf8');
  const entity = parseAllDocuments(text)
    .map(doc => doc.toJS() as Entity)
    .find(e => e.kind === 'Component' && e.metadata.name === name);
  if (!entity) throw new Error(`no Component ${name} in catalog/${file}`);
  return { ...entity, metadata: { namespace: 'default', ...entity.metadata } };
}

describe('Kubernetes backend against a local Kubernetes API', () => {
  let cluster: LocalServer;
  let rejecting: LocalServer;

  beforeAll(async () => {
    cluster = await startFakeKubernetesApi({
      token: TOKEN,
      objects: [
        ...workloadFixture({
          name: 'ms-auth',
          namespace: 'video-system',
          image: 'registry.example/ms-auth:1.4.2',
          replicas: 2,
        }),
        ...workloadFixture({
          name: 'ms-video',
          namespace: 'video-system',
          image: 'registry.example/ms-video:2.0.1',
          replicas: 3,
        }),
      ],
    });
    rejecting = await startFakeKubernetesApi({
      token: 'another-token',
      objects: [],
    });
  });

  afterAll(async () => {
    await cluster.close();
    await rejecting.close();
  });

  async function startBackend(clusters: object[]) {
    const entity = demoEntity('video-system.yaml', 'ms-auth');
    const { server } = await startTestBackend({
      features: [
        kubernetesPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [{ type: 'config', clusters }],
            },
          },
        }),
      ],
    });
    return server;
  }

  function queryMsAuthWorkloads(server: any, authorization: string) {
    return request(server)
      .post('/api/kubernetes/resources/workloads/query')
      .set('Authorization', authorization)
      .send({ entityRef: 'component:default/ms-auth', auth: {} });
  }

  const clusterConfig = (name: string, url: string, token = TOKEN) => ({
    name,
    url,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    skipMetricsLookup: true,
  });

  it("finds the demo component's pods by its backstage.io/kubernetes-id label", async () => {
    const server = await startBackend([
      clusterConfig('video-eks-dev', cluster.url),
    ]);
    const response = await queryMsAuthWorkloads(
      server,
      mockCredentials.user.header(),
    );

    expect(response.status).toBe(200);
    const [item] = response.body.items;
    expect(item.cluster.name).toBe('video-eks-dev');
    expect(item.errors).toEqual([]);
    const byType = Object.fromEntries(
      item.resources.map((r: { type: string; resources: unknown[] }) => [
        r.type,
        r.resources,
      ]),
    );
    const podNames = byType.pods.map((p: any) => p.metadata.name);
    expect(podNames).toHaveLength(2);
    expect(podNames.every((n: string) => n.startsWith('ms-auth-'))).toBe(true);
    expect(byType.deployments.map((d: any) => d.metadata.name)).toEqual([
      'ms-auth',
    ]);
    expect(byType.replicasets).toHaveLength(1);
    // The demo entity names its namespace, so the backend asks only that namespace.
    expect(cluster.requests).toContain(
      'GET /api/v1/namespaces/video-system/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dms-auth',
    );
  });

  it("reports a cluster that rejects the token as that cluster's error and still returns the others", async () => {
    const server = await startBackend([
      clusterConfig('video-eks-dev', cluster.url),
      clusterConfig('video-eks-prod', rejecting.url),
    ]);
    const response = await queryMsAuthWorkloads(
      server,
      mockCredentials.user.header(),
    );

    expect(response.status).toBe(200);
    const byCluster = Object.fromEntries(
      response.body.items.map((item: any) => [item.cluster.name, item]),
    );
    expect(byCluster['video-eks-dev'].errors).toEqual([]);
    const prodErrors = byCluster['video-eks-prod'].errors;
    expect(prodErrors.length).toBeGreaterThan(0);
    expect(prodErrors[0].errorType).toBe('UNAUTHORIZED_ERROR');
  });

  it('rejects unauthenticated requests', async () => {
    const server = await startBackend([
      clusterConfig('video-eks-dev', cluster.url),
    ]);
    const response = await queryMsAuthWorkloads(
      server,
      mockCredentials.none.header(),
    );
    expect(response.status).toBe(401);
  });
});
