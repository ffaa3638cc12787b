import {
  FakeArgoApplication,
  FakeArgoCd,
  startFakeArgoCd,
} from '@forja/test-servers';

export const DEMO_ARGOCD_TOKEN = 'e2e-argocd-token';

/** ms-auth's Argo CD applications: dev and prod in sync, staging out of sync. */
export function demoArgoApplications(): FakeArgoApplication[] {
  const app = (
    env: string,
    overrides: Partial<FakeArgoApplication> = {},
  ): FakeArgoApplication => ({
    name: `ms-auth-${env}`,
    project: 'video-system',
    labels: {
      'backstage.io/kubernetes-id': 'ms-auth',
      'forja.dev/environment': env,
    },
    sync: 'Synced',
    health: 'Healthy',
    revision: '4f1c2b9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c',
    ...overrides,
  });
  return [
    app('dev'),
    app('staging', { sync: 'OutOfSync', outOfSync: 2, health: 'Progressing' }),
    app('prod'),
  ];
}

export function startDemoArgoCd(): Promise<FakeArgoCd> {
  return startFakeArgoCd({
    token: DEMO_ARGOCD_TOKEN,
    applications: demoArgoApplications(),
  });
}
