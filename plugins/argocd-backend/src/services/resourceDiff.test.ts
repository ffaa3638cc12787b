import { ArgoCdResourceDiff } from '@forja/plugin-argocd-node';
import {
  applicationDiff,
  MAX_DIFF_RESOURCES,
  resourceDiff,
} from './resourceDiff';

const deployment = (image: string, extra: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'ms-auth', namespace: 'staging', ...extra },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: 'ms-auth', image }] } },
  },
});

const item = (
  live: unknown,
  desired: unknown,
  overrides: Partial<ArgoCdResourceDiff> = {},
): ArgoCdResourceDiff => ({
  group: 'apps',
  kind: 'Deployment',
  namespace: 'staging',
  name: 'ms-auth',
  liveState: JSON.stringify(live),
  normalizedLiveState: JSON.stringify(live),
  targetState: JSON.stringify(desired),
  predictedLiveState: JSON.stringify(desired),
  modified: JSON.stringify(live) !== JSON.stringify(desired),
  ...overrides,
});

describe('resourceDiff', () => {
  it('diffs the live object against the desired one as YAML, without the cluster bookkeeping', () => {
    const live = {
      ...deployment('ghcr.io/acme/ms-auth:1.2.0', {
        uid: 'd1e2',
        resourceVersion: '4821',
        generation: 3,
        managedFields: [{ manager: 'argocd-controller' }],
        annotations: { 'deployment.kubernetes.io/revision': '7' },
      }),
      status: { readyReplicas: 2 },
    };
    const { diff, truncated, error } = resourceDiff(
      item(live, deployment('ghcr.io/acme/ms-auth:1.3.0')),
    );
    expect(error).toBeUndefined();
    expect(truncated).toBe(false);
    expect(diff.split('\n').filter(l => /^[-+]/.test(l))).toEqual([
      '-        - image: ghcr.io/acme/ms-auth:1.2.0',
      '+        - image: ghcr.io/acme/ms-auth:1.3.0',
    ]);
    expect(diff).not.toMatch(/managedFields|resourceVersion|readyReplicas/);
  });

  it('shows a resource missing from the cluster as all added', () => {
    const { diff } = resourceDiff(
      item(null, deployment('ghcr.io/acme/ms-auth:1.3.0'), {
        liveState: 'null',
        normalizedLiveState: 'null',
      }),
    );
    expect(diff.startsWith('@@ -0,0 +1,')).toBe(true);
    expect(
      diff
        .split('\n')
        .slice(1)
        .every(l => l.startsWith('+')),
    ).toBe(true);
  });

  it("never shows a Secret's values, even when Argo CD sends them unredacted", () => {
    const secret = (password: string, token: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'ms-auth-db',
        namespace: 'staging',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            data: { password },
          }),
        },
      },
      data: { password, token },
      stringData: { extra: 'plain-text-secret' },
    });
    const live = secret(
      Buffer.from('hunter2').toString('base64'),
      'dG9rZW4tbGl2ZQ==',
    );
    const desired = secret(
      Buffer.from('correct-horse').toString('base64'),
      'dG9rZW4tbGl2ZQ==',
    );
    const { diff } = resourceDiff(
      item(live, desired, { group: '', kind: 'Secret', name: 'ms-auth-db' }),
    );
    for (const value of [
      'hunter2',
      'correct-horse',
      Buffer.from('hunter2').toString('base64'),
      Buffer.from('correct-horse').toString('base64'),
      'dG9rZW4tbGl2ZQ==',
      'plain-text-secret',
      Buffer.from('plain-text-secret').toString('base64'),
    ])
      expect(diff).not.toContain(value);
    expect(diff).toContain('-  password: (hidden, live value)');
    expect(diff).toContain('+  password: (hidden, desired value)');
    expect(diff).not.toMatch(/[-+]\s+token:/);
    expect(diff).not.toContain('last-applied-configuration');
  });

  it('says why when a state is not JSON', () => {
    expect(
      resourceDiff(item(null, null, { normalizedLiveState: '{not json' })),
    ).toMatchObject({
      diff: '',
      error: 'Argo CD sent a state that is not JSON',
    });
  });
});

describe('applicationDiff', () => {
  it('lists only differing resources, counts the rest, leaves hooks out and stops at its limit', () => {
    const same = deployment('a:1');
    const items = [
      item(same, same),
      item(deployment('a:1'), deployment('a:2'), { hook: true }),
      ...Array.from({ length: MAX_DIFF_RESOURCES + 2 }, (_, i) =>
        item(deployment('a:1'), deployment('a:2'), { name: `d${i}` }),
      ),
    ];
    const result = applicationDiff('ms-auth-staging', items);
    expect(result.unchanged).toBe(1);
    expect(result.resources).toHaveLength(MAX_DIFF_RESOURCES);
    expect(result.omitted).toBe(2);
    expect(result.resources.every(r => !r.hook)).toBe(true);
  });
});
