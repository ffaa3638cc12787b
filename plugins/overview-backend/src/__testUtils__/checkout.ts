import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The real neighbouring backends, which the overview calls over HTTP as it does in the portal.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import argocdPlugin from '@forja/plugin-argocd-backend';
import costPlugin from '@forja/plugin-cost-backend';
import grafanaPlugin from '@forja/plugin-grafana-backend';
/* eslint-enable @backstage/no-mixed-plugin-imports */
import {
  FakeArgoApplication,
  FakeArgoCd,
  FakeGrafana,
  FakeGrafanaRule,
  FakeKubernetesApi,
  KubernetesObject,
  startFakeArgoCd,
  startFakeGrafana,
  startFakeKubernetesApi,
  workloadFixture,
} from '@forja/test-servers';
import path from 'node:path';
import overviewPlugin from '../index';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
export const COMPONENTS = ['cart', 'payments', 'search', 'ledger'];
const DEPLOYED_AT = '2026-11-23T09:30:00Z';

/** The checkout system: four components in three environments, with the trouble the tests expect. */
export function checkoutEntities(
  extra: Record<string, Record<string, string>> = {},
): Entity[] {
  const relations = [
    { type: 'partOf', targetRef: 'system:default/checkout' },
    { type: 'ownedBy', targetRef: 'group:default/team-checkout' },
  ];
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'checkout',
        namespace: 'default',
        annotations: { 'forja.dev/environments': ENVIRONMENTS.join(',') },
      },
      spec: { owner: 'team-checkout' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-checkout', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    ...COMPONENTS.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': name,
          'argocd/app-selector': `backstage.io/kubernetes-id=${name}`,
          'grafana/alert-label-selector': `service=${name}`,
          'forja.dev/environments': ENVIRONMENTS.join(','),
          ...extra[name],
        },
      },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        system: 'checkout',
        lifecycle: 'production',
      },
      relations,
    })),
  ];
}

const TROUBLE: Record<string, Partial<FakeArgoApplication>> = {
  'cart-staging': { health: 'Degraded' },
  'payments-staging': { sync: 'OutOfSync', outOfSync: 2 },
};

export function checkoutApplications(): FakeArgoApplication[] {
  return COMPONENTS.flatMap((name, c) =>
    ENVIRONMENTS.map((env, e) => {
      const revision = `${c}${e}`.padEnd(40, 'a');
      return {
        name: `${name}-${env}`,
        project: 'checkout',
        labels: {
          'backstage.io/kubernetes-id': name,
          'forja.dev/environment': env,
        },
        sync: 'Synced' as const,
        health: 'Healthy' as const,
        revision,
        history: [{ id: 1, revision, deployedAt: DEPLOYED_AT }],
        ...TROUBLE[`${name}-${env}`],
      };
    }),
  );
}

export function checkoutRules(): FakeGrafanaRule[] {
  return [
    {
      name: 'SearchLatencyHigh',
      group: 'search',
      folder: 'checkout',
      state: 'firing',
      labels: { service: 'search', environment: 'prod', severity: 'critical' },
      annotations: { summary: 'p99 latency above 800 ms' },
      activeAt: '2026-11-24T02:10:00Z',
    },
    {
      name: 'CartErrors',
      group: 'cart',
      folder: 'checkout',
      state: 'inactive',
      labels: { service: 'cart', environment: 'prod', severity: 'warning' },
    },
  ];
}

/**
 * A StatefulSet or DaemonSet with one pod that restarted `restarts` times: what cart runs
 * beside its Deployment in staging (a cache), and ledger in prod (a node agent on 3 nodes).
 */
function controllerWithPod(options: {
  kind: 'StatefulSet' | 'DaemonSet';
  name: string;
  id: string;
  namespace: string;
  env?: string;
  restarts: number;
}): KubernetesObject[] {
  const { kind, name, namespace } = options;
  const labels: Record<string, string> = {
    'backstage.io/kubernetes-id': options.id,
    ...(options.env ? { 'forja.dev/environment': options.env } : {}),
  };
  const counts =
    kind === 'DaemonSet'
      ? {
          spec: {},
          status: { desiredNumberScheduled: 3, numberReady: 3 },
        }
      : { spec: { replicas: 1 }, status: { replicas: 1, readyReplicas: 1 } };
  return [
    {
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace, uid: `${name}-controller`, labels },
      spec: {
        ...counts.spec,
        template: {
          spec: { containers: [{ name: 'main', image: `${name}:1.0` }] },
        },
      },
      status: counts.status,
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-0`,
        namespace,
        uid: `${name}-0-pod`,
        labels,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind, name, controller: true },
        ],
      },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'main', ready: true, restartCount: options.restarts },
        ],
      },
    },
  ];
}

/** Dev and staging share a cluster and label their objects; prod has its own, unlabelled. */
export function checkoutClusters(): {
  nonprod: KubernetesObject[];
  prod: KubernetesObject[];
} {
  const image = (name: string, env: string) =>
    `registry.example.com/${name}:${env === 'dev' ? '1.3.0' : '1.2.0'}`;
  return {
    nonprod: COMPONENTS.flatMap(name =>
      ['dev', 'staging'].flatMap(env =>
        workloadFixture({
          name,
          namespace: `checkout-${env}`,
          image: image(name, env),
          replicas: 2,
          readyReplicas: name === 'cart' && env === 'staging' ? 1 : 2,
          labels: { 'forja.dev/environment': env },
        }),
      ),
    ).concat(
      controllerWithPod({
        kind: 'StatefulSet',
        name: 'cart-cache',
        id: 'cart',
        namespace: 'checkout-staging',
        env: 'staging',
        restarts: 2,
      }),
    ),
    prod: COMPONENTS.flatMap(name =>
      workloadFixture({
        name,
        namespace: 'checkout',
        image: image(name, 'prod'),
        replicas: 3,
      }),
    ).concat(
      controllerWithPod({
        kind: 'DaemonSet',
        name: 'ledger-agent',
        id: 'ledger',
        namespace: 'checkout',
        restarts: 1,
      }),
    ),
  };
}

export const TOKEN = 'test-token';

/** An audit event as a capturing auditor records it. */
export interface AuditEvent {
  eventId: string;
  outcome?: 'success' | 'fail';
  meta?: unknown;
  error?: string;
}

/** An auditor that records each event's outcome, metadata and error in `events`. */
export function capturingAuditor(events: AuditEvent[]) {
  return mockServices.auditor.mock({
    createEvent: async ({ eventId }) => {
      const event: AuditEvent = { eventId };
      events.push(event);
      return {
        success: async (options?: { meta?: unknown }) => {
          Object.assign(event, { outcome: 'success', meta: options?.meta });
        },
        fail: async (options: { meta?: unknown; error: Error }) => {
          Object.assign(event, {
            outcome: 'fail',
            meta: options.meta,
            error: options.error.message,
          });
        },
      } as never;
    },
  }).factory;
}

export interface Upstreams {
  argocd: FakeArgoCd;
  grafana: FakeGrafana;
  nonprod: FakeKubernetesApi;
  prod: FakeKubernetesApi;
}

export async function startUpstreams(): Promise<Upstreams> {
  const clusters = checkoutClusters();
  return {
    argocd: await startFakeArgoCd({
      token: TOKEN,
      applications: checkoutApplications(),
    }),
    grafana: await startFakeGrafana({
      token: TOKEN,
      dashboards: [],
      rules: checkoutRules(),
    }),
    nonprod: await startFakeKubernetesApi({
      token: TOKEN,
      objects: clusters.nonprod,
    }),
    prod: await startFakeKubernetesApi({
      token: TOKEN,
      objects: clusters.prod,
    }),
  };
}

const upstreamConfig = (u: Upstreams, sourceTimeoutSeconds: number) => ({
  // Forja's module sources priced from this repository: nothing is read from GitHub.
  forja: {
    terraformModules: { localPath: path.resolve(__dirname, '../../../..') },
  },
  // The plugins' own upstream limits as generous as the overview's: on a loaded CI machine a
  // 10 s call to a local upstream can time out, failing a source the test means to be ok.
  argocd: {
    requestTimeout: `${sourceTimeoutSeconds}s`,
    appLocatorMethods: [
      {
        type: 'config',
        instances: [{ name: 'main', url: u.argocd.url, token: TOKEN }],
      },
    ],
  },
  grafana: {
    requestTimeout: `${sourceTimeoutSeconds}s`,
    hosts: [{ id: 'main', domain: u.grafana.url, token: TOKEN }],
  },
  kubernetes: {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          { name: 'checkout-nonprod', url: u.nonprod.url },
          { name: 'checkout-prod', url: u.prod.url },
        ].map(c => ({
          ...c,
          authProvider: 'serviceAccount',
          serviceAccountToken: TOKEN,
          skipMetricsLookup: true,
        })),
      },
    ],
  },
  overview: {
    clusterEnvironments: { 'checkout-prod': 'prod' },
    sourceTimeout: `${sourceTimeoutSeconds}s`,
    // Answers wait for every source unless the first-answer budget is under test.
    firstAnswerWait: `${sourceTimeoutSeconds}s`,
  },
});

/**
 * Every permission allowed but those denied by name; `conditional` ones are decided per
 * entity (a policy with conditions), denied for the entities named there.
 */
export async function startBackend(
  upstreams: Upstreams,
  options: {
    deny?: string[];
    conditional?: Record<string, string[]>;
    config?: object;
    entities?: Entity[];
    /** Far above a cold read on a loaded CI machine unless the limit is under test. */
    sourceTimeoutSeconds?: number;
    /** Collects the audit events of writes. */
    auditEvents?: AuditEvent[];
    /** Users every permission is denied to. */
    deniedUsers?: string[];
    /** More features, such as the real actions registry. */
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const decide = (
    request: { permission: { name: string }; resourceRef?: string },
    credentials?: BackstageCredentials,
  ): any => {
    const { name } = request.permission;
    const user = (credentials?.principal as { userEntityRef?: string })
      ?.userEntityRef;
    if (options.deny?.includes(name) || options.deniedUsers?.includes(user!))
      return { result: AuthorizeResult.DENY };
    const deniedRefs = options.conditional?.[name];
    if (!deniedRefs) return { result: AuthorizeResult.ALLOW };
    if (request.resourceRef === undefined) {
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: [] },
        },
      };
    }
    return {
      result: deniedRefs.includes(request.resourceRef)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    };
  };
  const { server } = await startTestBackend({
    features: [
      overviewPlugin,
      argocdPlugin,
      grafanaPlugin,
      costPlugin,
      kubernetesPlugin,
      catalogServiceMock.factory({
        entities: [...checkoutEntities(), ...(options.entities ?? [])],
      }),
      mockServices.rootConfig.factory({
        data: {
          ...upstreamConfig(upstreams, options.sourceTimeoutSeconds ?? 60),
          ...options.config,
        },
      }),
      mockServices.permissions.mock({
        authorize: async (requests, o) =>
          requests.map(r => decide(r, o?.credentials)),
        authorizeConditional: async (requests, o) =>
          requests.map(r => decide(r, o?.credentials)),
      }).factory,
      ...(options.auditEvents ? [capturingAuditor(options.auditEvents)] : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}
