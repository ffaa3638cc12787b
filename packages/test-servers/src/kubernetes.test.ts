import { FakeKubernetesApi, startFakeKubernetesApi } from './kubernetes';
import { workloadFixture } from './kubernetesFixtures';

const TOKEN = 'sa-token';

interface PodList {
  metadata: {
    resourceVersion: string;
    continue?: string;
    remainingItemCount?: number;
  };
  items: Array<{ metadata: { namespace: string; name: string } }>;
  code?: number;
  reason?: string;
}

describe('the local Kubernetes API, listing in chunks', () => {
  let api: FakeKubernetesApi;
  // Two services of 3 pods each in two namespaces, and one unlabelled pod: 7 pods.
  beforeEach(async () => {
    api = await startFakeKubernetesApi({
      token: TOKEN,
      objects: [
        ...workloadFixture({
          name: 'web',
          namespace: 'shop',
          image: 'web:1',
          replicas: 3,
        }),
        ...workloadFixture({
          name: 'api',
          namespace: 'backend',
          image: 'api:1',
          replicas: 3,
        }),
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'debug', namespace: 'backend', uid: 'debug' },
        },
      ],
    });
  });
  afterEach(() => api.close());

  const list = async (query: string) => {
    const res = await fetch(`${api.url}/api/v1/pods?${query}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return { status: res.status, body: (await res.json()) as PodList };
  };
  const names = (body: PodList) =>
    body.items.map(p => `${p.metadata.namespace}/${p.metadata.name}`);

  /** Every chunk of a list, following `continue` until the last. */
  const chunks = async (query: string) => {
    const bodies: PodList[] = [];
    let token: string | undefined;
    do {
      const { status, body } = await list(
        `${query}${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
      );
      expect(status).toBe(200);
      bodies.push(body);
      token = body.metadata.continue;
    } while (token && bodies.length < 10);
    return bodies;
  };

  it('answers a whole list, in storage-key order, without limit', async () => {
    const { body } = await list('');
    expect(names(body)).toHaveLength(7);
    expect(names(body)).toEqual([...names(body)].sort());
    expect(body.metadata.continue).toBeUndefined();
    expect(body.metadata.remainingItemCount).toBeUndefined();
  });

  it('answers `limit` items a chunk, with a continue token and the count of the rest', async () => {
    const whole = names((await list('')).body);
    const bodies = await chunks('limit=3');
    expect(bodies.map(b => b.items.length)).toEqual([3, 3, 1]);
    expect(bodies.map(b => b.metadata.remainingItemCount)).toEqual([
      4,
      1,
      undefined,
    ]);
    expect(bodies.flatMap(names)).toEqual(whole);
    // The same resource version for every chunk of one list; the token is opaque.
    expect(new Set(bodies.map(b => b.metadata.resourceVersion)).size).toBe(1);
    expect(bodies[0].metadata.continue).not.toMatch(/shop|backend/);
  });

  it('leaves out remainingItemCount when a label selector is given, as the API server does', async () => {
    const bodies = await chunks(
      `labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id',
      )}&limit=4`,
    );
    expect(bodies.map(b => b.items.length)).toEqual([4, 2]);
    expect(bodies[0].metadata.continue).toBeTruthy();
    expect(bodies[0].metadata.remainingItemCount).toBeUndefined();
    expect(bodies.flatMap(names)).not.toContain('backend/debug');
  });

  it('answers 410 Expired for a token older than a compaction, and a new list still works', async () => {
    const first = (await list('limit=2')).body;
    api.compact();
    const { status, body } = await list(
      `limit=2&continue=${encodeURIComponent(first.metadata.continue!)}`,
    );
    expect(status).toBe(410);
    expect(body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect((await chunks('limit=2')).flatMap(names)).toHaveLength(7);
  });

  it.each([
    ['garbled', 'not-a-token'],
    ['forged', Buffer.from('{"v":"meta.k8s.io/v1"}').toString('base64url')],
  ])('answers 400 BadRequest for a %s token', async (_, token) => {
    const { status, body } = await list(`limit=2&continue=${token}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ reason: 'BadRequest', code: 400 });
  });

  it('answers 410 Expired for a well-formed token of a resource version it never gave', async () => {
    const token = Buffer.from(
      JSON.stringify({ v: 'meta.k8s.io/v1', rv: 99999999, start: 'a/b\u0000' }),
    ).toString('base64url');
    const { status, body } = await list(`limit=2&continue=${token}`);
    expect(status).toBe(410);
    expect(body.reason).toBe('Expired');
  });
});
