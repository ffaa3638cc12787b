import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import { createArgoCdService } from './service';

const SHA = 'a'.repeat(40);

const app = (name: string, team: string) => ({
  name,
  project: 'default',
  labels: { team },
  sync: 'Synced' as const,
  health: 'Healthy' as const,
  revision: SHA,
});

describe('createArgoCdService', () => {
  let argocd: FakeArgoCd;

  beforeAll(async () => {
    argocd = await startFakeArgoCd({
      token: 't',
      applications: [app('video-dev', 'video'), app('auth-dev', 'auth')],
    });
  });
  afterAll(() => argocd.close());
  beforeEach(() => {
    argocd.requests.length = 0;
  });

  const service = () =>
    createArgoCdService({
      config: new ConfigReader({
        argocd: {
          appLocatorMethods: [
            {
              type: 'config',
              instances: [{ name: 'main', url: argocd.url, token: 't' }],
            },
          ],
        },
      }),
      logger: mockServices.logger.mock(),
      cache: mockServices.cache.mock(),
    });

  const lists = () =>
    argocd.requests.filter(r => r.startsWith('GET /api/v1/applications?'));

  it('keeps each query of an instance apart and reads each once', async () => {
    const argo = service();
    const video = await argo.applications('main', {
      selector: 'team=video',
    });
    const all = await argo.applications('main');
    await argo.applications('main', { selector: 'team=video' });
    await argo.applications('main');

    expect(video.value.map(a => a.metadata.name)).toEqual(['video-dev']);
    expect(all.value.map(a => a.metadata.name).sort()).toEqual([
      'auth-dev',
      'video-dev',
    ]);
    expect(lists()).toHaveLength(2);
  });

  it('forgets the query and the list of all after a write, and nothing else', async () => {
    const argo = service();
    await argo.applications('main', { selector: 'team=video' });
    await argo.applications('main', { selector: 'team=auth' });
    await argo.applications('main');
    argocd.requests.length = 0;

    await argo.forgetApplications('main', { selector: 'team=video' });
    await argo.applications('main', { selector: 'team=video' });
    await argo.applications('main', { selector: 'team=auth' });
    await argo.applications('main');

    expect(lists()).toEqual([
      expect.stringContaining('selector=team%3Dvideo'),
      expect.not.stringContaining('selector='),
    ]);
  });

  it('keeps a commit’s metadata and refuses instances that are not configured', async () => {
    const argo = service();
    await argo.revisionMetadata('main', 'video-dev', SHA);
    await argo.revisionMetadata('main', 'video-dev', SHA);
    expect(argocd.revisionMetadataCalls).toHaveLength(1);

    await expect(argo.applications('elsewhere')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'no Argo CD instance named elsewhere is configured',
    });
  });
});
