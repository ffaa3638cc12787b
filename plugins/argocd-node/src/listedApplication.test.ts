import { ArgoCdApplication } from './client';
import { listedApplication } from './listedApplication';

const full: ArgoCdApplication = {
  metadata: {
    name: 'ms-auth-prod',
    namespace: 'apps',
    labels: { 'backstage.io/kubernetes-id': 'ms-auth' },
    annotations: {
      'forja.dev/entity-ref': 'component:default/ms-auth',
      'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}'.repeat(500),
    },
  },
  spec: {
    project: 'video',
    source: { repoURL: 'https://github.com/forja-demo/ms-auth.git' },
    destination: { server: 'https://kubernetes.default.svc' },
  },
  status: {
    sync: { status: 'OutOfSync', revision: 'abc123' },
    health: { status: 'Degraded' },
    resources: [
      { kind: 'Deployment', name: 'ms-auth', status: 'OutOfSync' },
      { kind: 'Service', name: 'ms-auth', status: 'Synced' },
      { kind: 'HorizontalPodAutoscaler', name: 'ms-auth', status: 'Synced' },
    ],
    reconciledAt: '2026-12-05T10:00:00Z',
    operationState: {
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      startedAt: '2026-12-05T09:59:00Z',
      finishedAt: '2026-12-05T10:00:00Z',
    },
    history: Array.from({ length: 10 }, (_, i) => ({
      id: i + 1,
      revision: `rev-${i + 1}`,
      deployedAt: `2026-12-0${(i % 5) + 1}T10:00:00Z`,
    })),
  },
};

describe('listedApplication', () => {
  it('keeps what list readers use: status, the resources out of sync, the last deployment, ownership annotations', () => {
    const listed = listedApplication(full);
    expect(listed.metadata).toEqual({
      name: 'ms-auth-prod',
      namespace: 'apps',
      labels: { 'backstage.io/kubernetes-id': 'ms-auth' },
      annotations: { 'forja.dev/entity-ref': 'component:default/ms-auth' },
    });
    expect(listed.spec).toEqual({ project: 'video' });
    expect(listed.status?.sync).toEqual(full.status!.sync);
    expect(listed.status?.health).toEqual(full.status!.health);
    expect(listed.status?.operationState).toEqual(full.status!.operationState);
    expect(listed.status?.reconciledAt).toBe(full.status!.reconciledAt);
    expect(listed.status?.resources).toEqual([full.status!.resources![0]]);
    expect(listed.status?.history).toEqual([full.status!.history![9]]);
    expect(JSON.stringify(listed).length).toBeLessThan(
      JSON.stringify(full).length / 5,
    );
  });

  it('takes an application with nothing but its name', () => {
    expect(
      JSON.parse(
        JSON.stringify(listedApplication({ metadata: { name: 'a' } })),
      ),
    ).toEqual({ metadata: { name: 'a' } });
  });
});
