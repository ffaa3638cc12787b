import { listedApplication } from '@forja/plugin-argocd-node';
import { summarize } from './summary';

const instance = { name: 'main', frontendUrl: 'https://argocd.example.com' };

describe('summarize', () => {
  it('shows the status, the failed operation and a link into the Argo CD UI', () => {
    expect(
      summarize(instance, {
        metadata: {
          name: 'ms-auth-prod',
          namespace: 'apps',
          labels: { 'forja.dev/environment': 'prod' },
        },
        spec: { project: 'video' },
        status: {
          sync: { status: 'OutOfSync', revision: 'abc123' },
          health: { status: 'Degraded' },
          resources: [
            { kind: 'Deployment', name: 'a', status: 'OutOfSync' },
            { kind: 'Service', name: 'a', status: 'Synced' },
          ],
          operationState: {
            phase: 'Failed',
            message: 'one or more objects failed to apply',
            finishedAt: '2026-12-01T10:00:00Z',
          },
          history: [{ id: 1, deployedAt: '2026-11-30T10:00:00Z' }],
        },
      }),
    ).toEqual({
      instance: 'main',
      name: 'ms-auth-prod',
      namespace: 'apps',
      project: 'video',
      environment: 'prod',
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
      revision: 'abc123',
      lastSyncedAt: '2026-12-01T10:00:00Z',
      deployedAt: '2026-11-30T10:00:00Z',
      outOfSyncResources: 1,
      operationPhase: 'Failed',
      operationError: 'one or more objects failed to apply',
      url: 'https://argocd.example.com/applications/apps/ms-auth-prod',
    });
  });

  it('reads statuses it does not know as Unknown, and defaults as Argo CD does', () => {
    expect(
      summarize(instance, {
        metadata: { name: 'x' },
        status: { sync: { status: 'Weird' }, health: { status: '<b>' } },
      }),
    ).toMatchObject({
      namespace: 'argocd',
      project: 'default',
      syncStatus: 'Unknown',
      healthStatus: 'Unknown',
      outOfSyncResources: 0,
      operationError: undefined,
      url: 'https://argocd.example.com/applications/argocd/x',
    });
  });
});

describe('summarize, on an application as lists keep it', () => {
  it('says what it says of the whole application', () => {
    const app = {
      metadata: { name: 'ms-auth-dev', labels: { env: 'dev' } },
      spec: { project: 'video', source: { path: 'k8s/overlays/dev' } },
      status: {
        sync: { status: 'OutOfSync', revision: 'abc' },
        health: { status: 'Healthy' },
        resources: [
          { kind: 'Deployment', name: 'a', status: 'OutOfSync' },
          { kind: 'ConfigMap', name: 'b', status: 'OutOfSync' },
          { kind: 'Service', name: 'a', status: 'Synced' },
        ],
        reconciledAt: '2026-12-05T10:00:00Z',
        history: [
          { id: 1, deployedAt: '2026-12-01T10:00:00Z' },
          { id: 2, deployedAt: '2026-12-02T10:00:00Z' },
        ],
      },
    };
    expect(summarize(instance, listedApplication(app))).toEqual(
      summarize(instance, app),
    );
  });
});
