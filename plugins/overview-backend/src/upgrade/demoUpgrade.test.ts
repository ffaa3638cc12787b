import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FORJA_MODULE_SOURCE } from '@forja/plugin-forja-node';
import {
  DEMO_UPGRADE_REPOSITORY,
  FakeGitHub,
  pushServiceOneVersionBehind,
  startFakeGitHub,
} from '@forja/test-servers';
import { parse } from 'yaml';
import { TOKEN } from '../__testUtils__/checkout';
import { forjaTemplateEntity, ROOT } from '../__testUtils__/olderTemplate';
import { createTemplateUpgrader } from './templateUpgrader';

jest.setTimeout(120_000);

describe("the demo's service one template version behind", () => {
  let github: FakeGitHub;
  afterAll(() => github?.close());

  it('is upgradable from v0 to v1 with one conflict, as the catalog registers it', async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { 'forja-demo': 'Organization' },
      existingRepositories: [DEMO_UPGRADE_REPOSITORY],
    });
    const location = await pushServiceOneVersionBehind(github, ROOT, TOKEN);
    const entity = parse(
      (await github.readTree(DEMO_UPGRADE_REPOSITORY)).get(
        'catalog-info.yaml',
      )!,
    ) as Entity;
    entity.metadata.namespace = 'default';
    entity.metadata.annotations![
      'backstage.io/managed-by-location'
    ] = `url:${location.target}`;
    const upgrader = createTemplateUpgrader({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: github.host,
                apiBaseUrl: github.apiBaseUrl,
                token: TOKEN,
              },
            ],
          },
        }),
      ),
      catalog: catalogServiceMock({
        entities: [await forjaTemplateEntity('service')],
      }),
      reader: mockServices.urlReader.mock(),
      moduleSource: FORJA_MODULE_SOURCE,
    });
    const status = await upgrader.status(entity, mockCredentials.user());
    expect(status).toMatchObject({
      upgradeAvailable: true,
      from: { version: '0' },
      to: { version: '1' },
      conflicts: 1,
    });
    expect(status.files.map(f => f.path).sort()).toEqual([
      '.github/workflows/promote.yml',
      'NOTES.md',
      'k8s/base/deployment.yaml',
    ]);
  });
});
