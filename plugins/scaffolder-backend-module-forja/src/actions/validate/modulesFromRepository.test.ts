import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createTerraformModuleRepositories,
  readTerraformModulesConfig,
} from '@forja/plugin-forja-node';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { execFileSync } from 'node:child_process';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { createValidateAction } from './createValidateAction';

const TOKEN = 'ghs_modules';

/** Commits `files` to the repository's bare git directory and tags the commit. */
async function pushTagged(
  gitDir: string,
  tag: string,
  files: Record<string, string>,
) {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-modules-src-'));
  for (const [file, content] of Object.entries(files))
    await fs.outputFile(path.join(work, file), content);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Forja',
        GIT_AUTHOR_EMAIL: 'forja@example.com',
        GIT_COMMITTER_NAME: 'Forja',
        GIT_COMMITTER_EMAIL: 'forja@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'modules');
  git('tag', tag);
  git('push', '-q', gitDir, 'HEAD:refs/heads/main', `refs/tags/${tag}`);
}

describe('forja:validate with modules read from their repository', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { platform: 'Organization' },
      existingRepositories: ['platform/forja'],
    });
    await pushTagged(github.repositories.get('platform/forja')!.gitDir, 'v9', {
      'terraform/modules/dns/aws/variables.tf':
        'variable "zone" {\n  type = string\n}\n',
      'terraform/modules/dns/aws/main.tf':
        'output "zone" {\n  value = var.zone\n}\n',
      'README.md': 'not a module\n',
    });
  });
  afterAll(() => github.close());

  it("checks a module's inputs against the repository at the pinned ref, read through the URL reader: nothing comes from where the plugin is installed", async () => {
    const repository = `https://${github.host}/platform/forja.git`;
    const config = new ConfigReader({
      integrations: {
        github: [
          { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
        ],
      },
      forja: { terraformModules: { repository, ref: 'v9' } },
    });
    const logger = mockServices.logger.mock();
    const modules = createTerraformModuleRepositories({
      source: readTerraformModulesConfig(config),
      reader: UrlReaders.default({ config, logger }),
      logger,
      workingDirectory: await fs.mkdtemp(
        path.join(os.tmpdir(), 'forja-modules-work-'),
      ),
    });
    const action = createValidateAction({ modules });

    const workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-validate-modules-'),
    );
    await fs.outputFile(
      path.join(workspacePath, 'main.tf'),
      [
        'module "dns" {',
        `  source = "git::${repository}//terraform/modules/dns/aws?ref=v9"`,
        '  zone   = "example.com"',
        '  zones  = ["typo.example.com"]',
        '}',
        '',
      ].join('\n'),
    );
    const ctx = createMockActionContext({ workspacePath, logger });
    await expect(action.handler(ctx)).rejects.toThrow(
      /module "dns" has no input variable "zones"/,
    );
    // Only the modules folder was read, once, through the integration's API.
    const tarballs = github.requests.filter(r => r.includes('/tarball/'));
    expect(tarballs).toHaveLength(1);
    await expect(action.handler(ctx)).rejects.toThrow(/"zones"/);
    expect(github.requests.filter(r => r.includes('/tarball/'))).toHaveLength(
      1,
    );
  });
});
