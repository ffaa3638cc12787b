import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FORJA_MODULE_SOURCE } from '@forja/plugin-forja-node';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TOKEN } from '../__testUtils__/checkout';
import {
  forjaTemplateEntity,
  serviceOneVersionBehind,
} from '../__testUtils__/olderTemplate';
import { createTemplateUpgrader } from './templateUpgrader';
import { gitIn } from '../__testUtils__/git';

jest.setTimeout(120_000);
const run = promisify(execFile);

let baseline = 0;
/** Writes since the repository was set up. */
const writes = (github: FakeGitHub) =>
  github.requests.slice(baseline).filter(r => !r.startsWith('GET '));

describe('template upgrades', () => {
  let github: FakeGitHub;
  let entity: Entity;
  let templates: Entity[];

  beforeEach(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization', mallory: 'Organization' },
      existingRepositories: ['acme/ms-auth', 'mallory/tools'],
    });
    ({ entity } = await serviceOneVersionBehind(github, TOKEN));
    templates = [
      await forjaTemplateEntity('service'),
      await forjaTemplateEntity('environment'),
    ];
    baseline = github.requests.length;
  });
  afterEach(() => github.close());

  const upgrader = (extra: Entity[] = []) =>
    createTemplateUpgrader({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: new URL(github.url).host,
                apiBaseUrl: `${github.url}/api/v3`,
                token: TOKEN,
              },
            ],
          },
        }),
      ),
      catalog: catalogServiceMock({ entities: [...templates, ...extra] }),
      reader: mockServices.urlReader.mock(),
      moduleSource: FORJA_MODULE_SOURCE,
      // Generous: the double runs real git, slow on a loaded machine.
      requestTimeoutMs: 30_000,
    });
  const user = mockCredentials.user();
  const annotated = (annotations: Record<string, string>): Entity => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, ...annotations },
    },
  });
  /** Commits `files` on main of acme/ms-auth through git, as a person would push them. */
  const pushFiles = async (files: Record<string, string>) => {
    const dir = path.join(
      require('node:os').tmpdir(),
      `forja-push-${Date.now()}`,
    );
    const url = `http://x-access-token:${TOKEN}@${github.host}/acme/ms-auth.git`;
    const git = gitIn(dir);
    await run('git', ['clone', '--quiet', '--branch', 'main', url, dir]);
    const fs = require('node:fs/promises');
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), content);
    }
    await git('add', '-A');
    await git('commit', '--quiet', '-m', 'edit');
    await git('push', '--quiet', 'origin', 'main');
    await fs.rm(dir, { recursive: true, force: true });
    baseline = github.requests.length;
  };

  describe('refuses what the entity does not own, before any write', () => {
    it('an annotation naming another template (one that renders something else)', async () => {
      const hostile = annotated({
        'backstage.io/source-template': 'template:default/forja-environment',
      });
      await expect(upgrader().status(hostile, user)).rejects.toThrow(
        /template:default\/forja-environment does not render "service"/,
      );
      await expect(upgrader().open(hostile, user)).rejects.toThrow(
        /does not render/,
      );
      expect(writes(github)).toEqual([]);
    });

    it('an annotation naming a template the catalog does not have', async () => {
      const hostile = annotated({
        'backstage.io/source-template': 'template:default/evil',
      });
      await expect(upgrader().open(hostile, user)).rejects.toThrow(
        /template:default\/evil is not in the catalog/,
      );
      await expect(
        upgrader().open(
          annotated({ 'backstage.io/source-template': 'component:default/x' }),
          user,
        ),
      ).rejects.toThrow(/is not a Template/);
      expect(writes(github)).toEqual([]);
    });

    it('an entity registered from a repository other than the one it names', async () => {
      const hostile = annotated({
        'backstage.io/managed-by-location': `url:${github.url}/mallory/tools/blob/main/catalog-info.yaml`,
      });
      await expect(upgrader().open(hostile, user)).rejects.toThrow(
        /registered from .*mallory\/tools/,
      );
      expect(github.requests.slice(baseline)).toEqual(
        expect.not.arrayContaining([expect.stringMatching(/acme/)]),
      );
    });

    it('a record naming files outside the tree, or values the template refuses', async () => {
      const record = JSON.parse(
        (await github.readTree('acme/ms-auth')).get('.forja/template.json')!,
      );
      await pushFiles({
        '.forja/template.json': JSON.stringify({
          ...record,
          files: { ...record.files, '../../etc/passwd': '0'.repeat(40) },
        }),
      });
      await expect(upgrader().open(entity, user)).rejects.toThrow(
        /\.forja\/template\.json: files\.\.\.\/\.\.\/etc\/passwd/,
      );
      await pushFiles({
        '.forja/template.json': JSON.stringify({
          ...record,
          values: { ...record.values, name: '../../escape' },
        }),
      });
      await expect(upgrader().open(entity, user)).rejects.toThrow(/name/);
      expect(writes(github)).toEqual([]);
    });

    it('a repository too large for one tree listing', async () => {
      github.faults.treeEntryLimit = 10;
      await expect(upgrader().status(entity, user)).rejects.toThrow(
        /more files than GitHub lists in one tree/,
      );
      expect(writes(github)).toEqual([]);
    });
  });

  it('says what an upgrade from v0 to v1 changes, conflicts included', async () => {
    const status = await upgrader().status(entity, user);
    expect(status).toMatchObject({
      templateRef: 'template:default/forja-service',
      template: 'service',
      from: { version: '0' },
      to: { version: '1' },
      upgradeAvailable: true,
      conflicts: 1,
    });
    const byPath = Object.fromEntries(status.files.map(f => [f.path, f]));
    expect(byPath['k8s/base/deployment.yaml']).toMatchObject({
      change: 'modified',
      conflict: '1 conflicting region marked in the file',
    });
    expect(byPath['k8s/base/deployment.yaml'].diff).toContain(
      '+<<<<<<< repository',
    );
    expect(byPath['NOTES.md']).toMatchObject({ change: 'deleted' });
    expect(byPath['.github/workflows/promote.yml']).toMatchObject({
      change: 'added',
    });
    // The README the team edited and the template left alone is not part of it.
    expect(byPath['README.md']).toBeUndefined();
    expect(writes(github)).toEqual([]);
  });

  it('opens one pull request: clean changes merged, the conflict marked, local edits kept', async () => {
    const first = await upgrader().open(entity, user);
    expect(first).toMatchObject({
      from: '0',
      to: '1',
      conflicts: 1,
      created: true,
    });
    const branch = await github.readTree('acme/ms-auth', first.branch);
    const deployment = branch.get('k8s/base/deployment.yaml')!;
    expect(deployment).toContain(
      [
        '<<<<<<< repository',
        '  revisionHistoryLimit: 10',
        '=======',
        '  revisionHistoryLimit: 5',
        '>>>>>>> template v1',
      ].join('\n'),
    );
    expect(deployment).toContain('maxSurge: 25%');
    expect(deployment).not.toContain('maxSurge: 1\n');
    expect(branch.has('NOTES.md')).toBe(false);
    expect(branch.has('.github/workflows/promote.yml')).toBe(true);
    expect(branch.get('README.md')).toContain('Owned by the auth team.');
    const record = JSON.parse(branch.get('.forja/template.json')!);
    expect(record.version).toBe('1');
    // The new render's blobs stay in the repository for the next upgrade.
    const pristine = await run('git', [
      '--git-dir',
      github.repositories.get('acme/ms-auth')!.gitDir,
      'cat-file',
      '-t',
      record.files['k8s/base/deployment.yaml'],
    ]);
    expect(pristine.stdout.trim()).toBe('blob');
    expect(github.pullRequests).toHaveLength(1);
    expect(github.pullRequests[0]).toMatchObject({
      head: first.branch,
      base: 'main',
    });
    expect(github.pullRequests[0].body).toContain('k8s/base/deployment.yaml');

    // Asked again: the same pull request, nothing written.
    const before = writes(github).length;
    const again = await upgrader().open(entity, user);
    expect(again).toMatchObject({
      created: false,
      pullRequestUrl: first.pullRequestUrl,
    });
    expect(writes(github).length).toBe(before);
    expect((await upgrader().status(entity, user)).pullRequestUrl).toBe(
      first.pullRequestUrl,
    );
  });

  it("keeps a file's mode: a file the team made executable stays executable", async () => {
    const gitDir = github.repositories.get('acme/ms-auth')!.gitDir;
    const dir = path.join(
      require('node:os').tmpdir(),
      `forja-chmod-${Date.now()}`,
    );
    const git = gitIn(dir);
    await run('git', [
      'clone',
      '--quiet',
      '--branch',
      'main',
      `http://x-access-token:${TOKEN}@${github.host}/acme/ms-auth.git`,
      dir,
    ]);
    await git('update-index', '--chmod=+x', 'k8s/base/deployment.yaml');
    await git('commit', '--quiet', '-m', 'executable');
    await git('push', '--quiet', 'origin', 'main');
    await require('node:fs/promises').rm(dir, { recursive: true, force: true });

    const opened = await upgrader().open(entity, user);
    const mode = async (file: string) =>
      (
        await run('git', ['--git-dir', gitDir, 'ls-tree', opened.branch, file])
      ).stdout.split(' ')[0];
    expect(await mode('k8s/base/deployment.yaml')).toBe('100755');
    // A file the upgrade adds is a plain file.
    expect(await mode('.github/workflows/promote.yml')).toBe('100644');
  });

  it('after the pull request is merged and its conflict resolved, no upgrade is offered', async () => {
    const opened = await upgrader().open(entity, user);
    const branch = await github.readTree('acme/ms-auth', opened.branch);
    const resolved = branch
      .get('k8s/base/deployment.yaml')!
      .replace(
        /<<<<<<< repository\n(.*\n)=======\n.*\n>>>>>>> template v1\n/,
        '$1',
      );
    await pushFiles({
      ...Object.fromEntries(branch),
      'k8s/base/deployment.yaml': resolved,
    });
    const status = await upgrader().status(entity, user);
    expect(status).toMatchObject({
      upgradeAvailable: false,
      from: { version: '1' },
      files: [],
    });
  });
});
