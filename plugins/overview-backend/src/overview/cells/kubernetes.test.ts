import { Entity } from '@backstage/catalog-model';
import { KubernetesSnapshot, Workload } from '../../sources';
import {
  KubernetesAnswer,
  kubernetesConfigured,
  kubernetesEnvironments,
  kubernetesFailures,
  kubernetesPart,
  workloadsOf,
} from './kubernetes';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', namespace: 'default', annotations },
});
const AUTH = entity({ 'backstage.io/kubernetes-id': 'ms-auth' });

const workload = (more: Partial<Workload>): Workload => ({
  kind: 'Deployment',
  cluster: 'local',
  namespace: 'auth',
  name: 'ms-auth',
  kubernetesId: 'ms-auth',
  environment: 'dev',
  desired: 2,
  ready: 2,
  restarts: 0,
  images: ['ms-auth:1'],
  ...more,
});

const snapshot: KubernetesSnapshot = {
  clusters: [{ name: 'local', state: 'ok' }],
  workloads: [
    workload({ name: 'ms-auth', ready: 1, restarts: 3 }),
    workload({ name: 'ms-auth-worker', kind: 'StatefulSet', desired: 1 }),
    workload({ name: 'ms-auth', environment: 'prod', namespace: 'prod' }),
    workload({ name: 'ms-auth', environment: undefined, namespace: 'tools' }),
    workload({ name: 'ms-cart', kubernetesId: 'ms-cart' }),
  ],
};
const ok: KubernetesAnswer = {
  state: 'ok',
  value: snapshot,
  fetchedAt: 'read',
};

describe('workloadsOf', () => {
  it("finds the entity's workloads by its kubernetes id, in its namespace when it names one", () => {
    expect(workloadsOf(snapshot, AUTH).map(w => w.namespace)).toEqual([
      'auth',
      'auth',
      'prod',
      'tools',
    ]);
    expect(
      workloadsOf(
        snapshot,
        entity({
          'backstage.io/kubernetes-id': 'ms-auth',
          'backstage.io/kubernetes-namespace': 'prod',
        }),
      ),
    ).toEqual([snapshot.workloads[2]]);
    expect(workloadsOf(snapshot, entity())).toEqual([]);
  });
});

describe('kubernetesPart', () => {
  it('sums the workloads of each environment', () => {
    const part = kubernetesPart(ok, AUTH);
    expect(part('dev')).toEqual({
      state: 'ok',
      fetchedAt: 'read',
      value: {
        ready: 3,
        desired: 3,
        restarts: 3,
        workloads: [
          expect.objectContaining({ name: 'ms-auth', ready: 1 }),
          expect.objectContaining({ name: 'ms-auth-worker', desired: 1 }),
        ],
      },
    });
    expect(part('dev').value!.workloads[0]).not.toHaveProperty('kubernetesId');
    expect(part('dev').value!.workloads[0]).not.toHaveProperty('environment');
    expect(part('staging')).toEqual({ state: 'none', fetchedAt: 'read' });
  });

  it('fails an empty environment when a cluster is down', () => {
    const part = kubernetesPart(
      {
        ...ok,
        value: {
          ...snapshot,
          clusters: [
            { name: 'local', state: 'ok' },
            { name: 'edge', state: 'failed', message: 'unreachable' },
          ],
        },
      },
      AUTH,
    );
    expect(part('dev').state).toBe('ok');
    expect(part('staging')).toEqual({
      state: 'failed',
      message: 'edge: unreachable',
    });
  });

  it('has nothing for an entity without a kubernetes id, whatever the source says', () => {
    expect(kubernetesPart({ state: 'failed' }, entity())('dev')).toEqual({
      state: 'none',
    });
  });

  it('shows a failed, pending or unconfigured source in every environment', () => {
    expect(
      kubernetesPart({ state: 'failed', message: 'x' }, AUTH)('dev'),
    ).toEqual({ state: 'failed', message: 'x' });
    expect(kubernetesPart({ state: 'pending' }, AUTH)('dev')).toEqual({
      state: 'pending',
    });
    expect(
      kubernetesPart(
        { state: 'ok', value: { clusters: [], workloads: [] } },
        AUTH,
      )('dev'),
    ).toEqual({ state: 'not-configured' });
  });
});

describe('kubernetesEnvironments, kubernetesConfigured and kubernetesFailures', () => {
  it('lists the environments the workloads name', () => {
    expect(kubernetesEnvironments(ok, AUTH)).toEqual(['dev', 'dev', 'prod']);
    expect(kubernetesEnvironments({ state: 'pending' }, AUTH)).toEqual([]);
  });

  it('is unconfigured only with no cluster at all', () => {
    expect(kubernetesConfigured(ok)).toBe(true);
    expect(kubernetesConfigured({ state: 'failed' })).toBe(true);
    expect(
      kubernetesConfigured({
        state: 'ok',
        value: { clusters: [], workloads: [] },
      }),
    ).toBe(false);
  });

  it('names each cluster that did not answer', () => {
    expect(
      kubernetesFailures({
        state: 'ok',
        value: {
          clusters: [
            { name: 'a', state: 'ok' },
            { name: 'b', state: 'failed', message: 'timeout' },
          ],
          workloads: [],
        },
      }),
    ).toEqual(['b: timeout']);
  });
});
