import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FORJA_MODULE_SOURCE } from '@forja/plugin-forja-node';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TOKEN } from '../__testUtils__/checkout';
import { gitIn } from '../__testUtils__/git';
import { forjaTemplateEntity, ROOT } from '../__testUtils__/olderTemplate';
import { createTemplateUpgrader } from './templateUpgrader';

jest.setTimeout(120_000);

const EXAMPLE = path.join(ROOT, 'examples/systems/kv-store');
const REPOSITORY = 'forja-demo/kv-store-platform';

const blobSha = (text: string) => {
  const bytes = Buffer.from(text);
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
};

/**
 * The kv-store environment repository as version 1 of the environment template made it:
 * the rendered example with another README, its record naming version 1 and that README.
 */
async function pushEnvironmentOneVersionBehind(github: FakeGitHub) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-env-upgrade-'));
  await fs.cp(EXAMPLE, dir, { recursive: true });
  const readme = '# kv-store platform (environment template v1)\n';
  await fs.writeFile(path.join(dir, 'README.md'), readme);
  const recordFile = path.join(dir, '.forja/template.json');
  const record = JSON.parse(await fs.readFile(recordFile, 'utf8'));
  record.version = '1';
  record.files['README.md'] = blobSha(readme);
  await fs.writeFile(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  const git = gitIn(dir);
  await git('init', '--quiet', '-b', 'main');
  await git('add', '-A');
  await git('commit', '--quiet', '-m', 'Environment from Forja (v1)');
  await git(
    'push',
    '--quiet',
    `http://x-access-token:${TOKEN}@${github.host}/${REPOSITORY}.git`,
    'main',
  );
  await fs.rm(dir, { recursive: true, force: true });
}

describe("an environment repository's Resources, one template version behind", () => {
  let github: FakeGitHub;
  afterAll(() => github?.close());

  it('are upgradable: the pull request brings the new render of what the team left alone', async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { 'forja-demo': 'Organization' },
      existingRepositories: [REPOSITORY],
    });
    await pushEnvironmentOneVersionBehind(github);
    const [resource] = parseAllDocuments(
      await fs.readFile(path.join(EXAMPLE, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS() as Entity);
    expect(resource.kind).toBe('Resource');
    expect(resource.metadata.annotations!['backstage.io/source-template']).toBe(
      'template:default/forja-environment',
    );
    const entity: Entity = {
      ...resource,
      metadata: {
        ...resource.metadata,
        namespace: 'default',
        annotations: {
          ...resource.metadata.annotations,
          'backstage.io/managed-by-location': `url:${github.url}/${REPOSITORY}/blob/main/catalog-info.yaml`,
        },
      },
    };
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
        entities: [await forjaTemplateEntity('environment')],
      }),
      reader: mockServices.urlReader.mock(),
      moduleSource: FORJA_MODULE_SOURCE,
      requestTimeoutMs: 30_000,
    });
    const user = mockCredentials.user();
    const status = await upgrader.status(entity, user);
    expect(status).toMatchObject({
      upgradeAvailable: true,
      from: { version: '1' },
      to: { version: '2' },
      conflicts: 0,
    });
    expect(status.files.map(f => f.path)).toEqual(['README.md']);

    const opened = await upgrader.open(entity, user);
    expect(opened).toMatchObject({ from: '1', to: '2', created: true });
    const branch = await github.readTree(REPOSITORY, opened.branch);
    expect(branch.get('README.md')).toBe(
      await fs.readFile(path.join(EXAMPLE, 'README.md'), 'utf8'),
    );
    expect(JSON.parse(branch.get('.forja/template.json')!).version).toBe('2');
  });
});
