import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Semaphore } from '@forja/plugin-forja-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
  workloadFixture,
} from '@forja/test-servers';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loopbackPluginCall } from './__testUtils__/loopbackPluginCall';
import { PluginCall } from './pluginClient';
import { readWorkloads } from './sources';

jest.setTimeout(60_000);

const TOKEN = 'sa-token';
const PAGE_SIZE = 5;
const SERVICES = 12;
/** Service i has 3 pods, (i % 3) of them crash-looping with 7 restarts each. */
const restartsOf = (i: number) => (i % 3) * 7;
const serviceName = (i: number) => `svc-${String(i).padStart(2, '0')}`;

describe('readWorkloads against the Kubernetes backend, in pages', () => {
  let cluster: FakeKubernetesApi;
  let backend: Server;

  beforeAll(async () => {
    // 12 Deployments and 36 pods: several pages of 5 each.
    cluster = await startFakeKubernetesApi({
      token: TOKEN,
      objects: Array.from({ length: SERVICES }, (_, i) =>
        workloadFixture({
          name: serviceName(i),
          namespace: i % 2 ? 'shop' : 'backend',
          image: `${serviceName(i)}:1.0`,
          replicas: 3,
          readyReplicas: 3 - (i % 3),
        }),
      ).flat(),
    });
    ({ server: backend } = await startTestBackend({
      features: [
        kubernetesPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory(),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'big',
                      url: cluster.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: TOKEN,
                      skipMetricsLookup: true,
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => cluster.close());

  /** How the overview calls the Kubernetes backend, as a service. */
  const pluginCall = () => {
    const { port } = backend.address() as AddressInfo;
    return loopbackPluginCall(port);
  };
  const read = (call: PluginCall) =>
    readWorkloads({
      call,
      timeoutMs: 10_000,
      limit: new Semaphore(4),
      clusterEnvironments: { big: 'prod' },
      paging: { pageSize: PAGE_SIZE, maxItems: 1000 },
    });
  const podRequests = (since: number) =>
    cluster.requests.slice(since).filter(r => r.includes('/api/v1/pods'));

  const expectEveryWorkload = (
    snapshot: Awaited<ReturnType<typeof readWorkloads>>,
  ) => {
    expect(snapshot.clusters).toEqual([{ name: 'big', state: 'ok' }]);
    expect(
      snapshot.workloads
        .map(w => [w.kind, w.name, w.restarts, w.environment])
        .sort(),
    ).toEqual(
      Array.from({ length: SERVICES }, (_, i) => [
        'Deployment',
        serviceName(i),
        restartsOf(i),
        'prod',
      ]).sort(),
    );
  };

  it('reads every list in pages of the page size, asking with limit and continue', async () => {
    const since = cluster.requests.length;
    expectEveryWorkload(await read(pluginCall()));
    const lists = cluster.requests
      .slice(since)
      .filter(r => /\/(pods|deployments|statefulsets|daemonsets)\?/.test(r));
    // Every list call asks for a page, so no answer holds more than PAGE_SIZE items.
    expect(lists.length).toBeGreaterThan(0);
    for (const request of lists)
      expect(request).toContain(`limit=${PAGE_SIZE}`);
    // 36 pods: 8 pages, each after the first continuing the one before.
    const pods = podRequests(since);
    expect(pods).toHaveLength(Math.ceil((SERVICES * 3) / PAGE_SIZE));
    expect(pods.filter(r => r.includes('continue='))).toHaveLength(
      pods.length - 1,
    );
  });

  /** The real call, compacting the cluster (expiring its continue tokens) after first pages. */
  const compactingAfterFirstPages = (times: number): PluginCall => {
    const call = pluginCall();
    let compacted = 0;
    return async (pluginId, path, options) => {
      const answer = await call(pluginId, path, options);
      if (
        path.includes('/api/v1/pods') &&
        !path.includes('continue=') &&
        compacted < times
      ) {
        compacted++;
        cluster.compact();
      }
      return answer as never;
    };
  };

  it('starts a list again once when its continue token expired (410 Expired), counting nothing twice', async () => {
    const since = cluster.requests.length;
    expectEveryWorkload(await read(compactingAfterFirstPages(1)));
    const pods = podRequests(since);
    // A first page, a continue answered 410, then the whole list again.
    expect(pods.filter(r => !r.includes('continue='))).toHaveLength(2);
  });

  it('fails the cluster when the list expires again after starting over', async () => {
    const snapshot = await read(compactingAfterFirstPages(2));
    expect(snapshot.clusters).toEqual([
      { name: 'big', state: 'failed', message: expect.stringMatching(/410/) },
    ]);
    expect(snapshot.workloads).toEqual([]);
  });
});

describe('readWorkloads against a cluster whose pages never end', () => {
  const pod = {
    metadata: {
      name: 'p',
      namespace: 'n',
      labels: { 'backstage.io/kubernetes-id': 'x' },
    },
  };
  /** A Kubernetes backend whose lists give `token(n)` on their n-th page, forever. */
  const endless = (token: (page: number) => string) => {
    const calls = { count: 0 };
    const call = (async (_pluginId: string, path: string) => {
      if (path === '/clusters') return { items: [{ name: 'loop' }] };
      calls.count++;
      return {
        metadata: { continue: token(calls.count) },
        items: path.includes('/pods') ? [pod] : [],
      };
    }) as PluginCall;
    return { call, calls };
  };
  const read = (call: PluginCall) =>
    readWorkloads({
      call,
      timeoutMs: 1000,
      limit: new Semaphore(4),
      clusterEnvironments: {},
      paging: { pageSize: 2, maxItems: 20 },
    });

  it.each([
    ['gives the same continue token again', () => 'again', /continue token/],
    ['gives a new continue token forever', (n: number) => `t${n}`, /pages/],
  ])(
    'fails the cluster, without looping, when a list %s',
    async (_, token, message) => {
      const { call, calls } = endless(token);
      const snapshot = await read(call);
      expect(snapshot.clusters).toEqual([
        {
          name: 'loop',
          state: 'failed',
          message: expect.stringMatching(message),
        },
      ]);
      // 4 lists of at most 20 / 2 + 1 pages each.
      expect(calls.count).toBeLessThanOrEqual(4 * 11);
    },
  );
});
