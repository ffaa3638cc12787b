import { FakeArgoApplication, FakeArgoCd, startFakeArgoCd } from '../argocd';

export const DEMO_ARGOCD_TOKEN = 'demo-argocd-token';

/**
 * The video system's Argo CD applications. ms-auth: staging out of sync (the Argo CD test
 * syncs it). ms-video: staging out of sync (its Deployment runs an older image and one
 * replica fewer than Git says: the managed-resources diff), prod degraded with a sync
 * stuck waiting for it to become healthy (an operation Running, to terminate).
 * ms-notify: staging out of sync.
 */
export function demoArgoApplications(): FakeArgoApplication[] {
  const app = (
    service: string,
    env: string,
    overrides: Partial<FakeArgoApplication> = {},
  ): FakeArgoApplication => ({
    name: `${service}-${env}`,
    project: 'video-system',
    labels: {
      'backstage.io/kubernetes-id': service,
      'forja.dev/environment': env,
    },
    sync: 'Synced',
    health: 'Healthy',
    revision: '4f1c2b9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c',
    history: [
      {
        id: 1,
        revision: '4f1c2b9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c',
        deployedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      },
    ],
    ...overrides,
  });
  return [
    app('ms-auth', 'dev'),
    app('ms-auth', 'staging', {
      sync: 'OutOfSync',
      outOfSync: 2,
      health: 'Progressing',
    }),
    app('ms-auth', 'prod'),
    app('ms-video', 'dev'),
    app('ms-video', 'staging', { sync: 'OutOfSync', outOfSync: 1 }),
    app('ms-video', 'prod', {
      health: 'Degraded',
      operation: {
        phase: 'Running',
        message: 'waiting for healthy state of apps/Deployment/ms-video-prod-0',
        startedAt: new Date(Date.now() - 12 * 60_000).toISOString(),
      },
    }),
    app('ms-notify', 'dev'),
    app('ms-notify', 'staging', { sync: 'OutOfSync', outOfSync: 1 }),
    app('ms-notify', 'prod'),
  ];
}

export function startDemoArgoCd(): Promise<FakeArgoCd> {
  return startFakeArgoCd({
    token: DEMO_ARGOCD_TOKEN,
    applications: demoArgoApplications(),
  });
}
