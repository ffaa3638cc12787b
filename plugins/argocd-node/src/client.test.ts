import { mockServices } from '@backstage/backend-test-utils';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import { ArgoCdClient } from './client';

const secret = (password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'staging' },
  data: { password, user: 'YXV0aA==' },
});

describe('ArgoCdClient: managed resources and terminate', () => {
  let argocd: FakeArgoCd;
  let client: ArgoCdClient;

  beforeEach(async () => {
    argocd = await startFakeArgoCd({
      token: 't',
      applications: [
        {
          name: 'ms-auth-staging',
          project: 'default',
          labels: { 'forja.dev/environment': 'staging' },
          sync: 'OutOfSync',
          health: 'Progressing',
          revision: 'a'.repeat(40),
          operation: {
            phase: 'Running',
            message: 'waiting for healthy state',
            startedAt: '2026-11-23T10:00:00Z',
          },
          managedResources: [
            {
              group: '',
              kind: 'Secret',
              namespace: 'staging',
              name: 'db',
              live: secret('aHVudGVyMg=='),
              target: secret('c2VjcmV0'),
            },
          ],
        },
      ],
    });
    client = new ArgoCdClient(
      { name: 'main', url: argocd.url, token: 't', frontendUrl: argocd.url },
      {
        logger: mockServices.logger.mock(),
        timeoutMs: 3000,
        maxConcurrentRequests: 2,
        maxResponseBytes: 1024 * 1024,
      },
    );
  });
  afterEach(() => argocd.close());

  it('reads managed resources with their states as JSON strings, Secrets redacted as Argo CD does', async () => {
    const [item] = await client.getManagedResources('ms-auth-staging');
    expect(item).toMatchObject({
      group: '',
      kind: 'Secret',
      name: 'db',
      modified: true,
      hook: false,
    });
    const live = JSON.parse(item.normalizedLiveState!);
    const target = JSON.parse(item.targetState!);
    expect(live.data.password).toMatch(/^\+{8,}$/);
    expect(live.data.password).not.toBe(target.data.password);
    expect(live.data.user).toBe(target.data.user);
    expect(JSON.stringify(item)).not.toMatch(/aHVudGVyMg==|c2VjcmV0|YXV0aA==/);
  });

  it('terminates a running operation once; then Argo CD refuses: no operation in progress', async () => {
    await expect(client.terminateOperation('ms-auth-staging')).resolves.toEqual(
      {},
    );
    expect(argocd.terminations).toEqual(['ms-auth-staging']);
    const app = await client.getApplication('ms-auth-staging');
    expect(app.status?.operationState?.phase).toBe('Terminating');
    await expect(
      client.terminateOperation('ms-auth-staging'),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'main refused the request: Unable to terminate operation. No operation is in progress',
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    const ended = await client.getApplication('ms-auth-staging');
    expect(ended.status?.operationState).toMatchObject({
      phase: 'Failed',
      message: 'Operation terminated',
    });
  });

  it('answers 404 for an application Argo CD does not have', async () => {
    await expect(client.getManagedResources('nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});
