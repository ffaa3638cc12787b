import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { createPublishAction } from './createPublishAction';

const TOKEN = 'ghp_forjatesttoken0123456789abcdefghijklmn';

describe('forja:github:publish', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { 'forja-demo': 'Organization', octocat: 'User' },
      existingRepositories: ['forja-demo/taken'],
    });
  });
  afterEach(() => github.close());

  const setup = (overrides: { deleteRepositoryOnFailure?: boolean } = {}) => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
          ],
        },
      }),
    );
    const action = createPublishAction({
      integrations,
      retry: { attempts: 3, initialDelayMs: 10, maxWaitMs: 2000 },
      deleteRepositoryOnFailure: overrides.deleteRepositoryOnFailure ?? false,
      author: { name: 'Forja', email: 'forja@example.com' },
    });
    return action;
  };
  const workspace = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-publish-'));
    await fs.outputFile(path.join(dir, 'README.md'), '# orders\n');
    await fs.outputFile(
      path.join(dir, 'k8s/base/kustomization.yaml'),
      'resources: []\n',
    );
    return dir;
  };
  const context = async (repo: string, extra: object = {}) => {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: {
        repoUrl: `${github.host}?owner=forja-demo&repo=${repo}`,
        defaultBranch: 'main',
        visibility: 'private',
        environments: ['staging', 'prod'],
        requiredApprovingReviewCount: 1,
        ...extra,
      } as never,
      workspacePath: await workspace(),
      logger,
    });
    return { ctx, logger };
  };
  const logged = (logger: ReturnType<typeof mockServices.logger.mock>) =>
    JSON.stringify([
      ...(logger.info as jest.Mock).mock.calls,
      ...(logger.warn as jest.Mock).mock.calls,
      ...(logger.error as jest.Mock).mock.calls,
    ]);

  it('creates the repository, pushes the workspace, protects main and creates environments', async () => {
    const { ctx, logger } = await context('orders');
    await setup().handler(ctx);
    const tree = await github.readTree('forja-demo/orders');
    expect([...tree.keys()].sort()).toEqual([
      'README.md',
      'k8s/base/kustomization.yaml',
    ]);
    const repo = github.repositories.get('forja-demo/orders')!;
    expect(repo.private).toBe(true);
    expect(repo.environments).toEqual(['staging', 'prod']);
    // Reviewed pull requests only: no app (a workflow's token) may push past review.
    expect(repo.protection.main).toEqual(
      expect.objectContaining({
        required_pull_request_reviews: { required_approving_review_count: 1 },
      }),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      `${github.url}/forja-demo/orders/blob/main`,
    );
    expect(logged(logger)).not.toContain(TOKEN);
  });

  it.each([
    ['.git', '.git/config'],
    ['.git', '.git'],
    ['nested/.GIT', 'nested/.GIT/config'],
  ])(
    'refuses a workspace holding %s (written as %s) before any GitHub call',
    async (named, planted) => {
      const { ctx } = await context('planted');
      await fs.outputFile(
        path.join(ctx.workspacePath, planted),
        planted.endsWith('config')
          ? '[core]\n\tfsmonitor = "touch planted-marker"\n'
          : 'gitdir: /tmp/elsewhere\n',
      );
      await expect(setup().handler(ctx)).rejects.toThrow(
        `The workspace contains "${named}"`,
      );
      expect(github.requests).toEqual([]);
      expect(github.repositories.has('forja-demo/planted')).toBe(false);
    },
  );

  it('refuses an existing repository by name and pushes nothing', async () => {
    const { ctx } = await context('taken');
    await expect(setup().handler(ctx)).rejects.toThrow(
      'Repository forja-demo/taken already exists',
    );
    await expect(github.readTree('forja-demo/taken')).rejects.toThrow();
    expect(github.requests.filter(r => r.includes('.git/'))).toEqual([]);
  });

  it('retries a push that fails right after create', async () => {
    github.faults.gitNotFound = 2;
    const { ctx } = await context('retried');
    await setup().handler(ctx);
    expect([...(await github.readTree('forja-demo/retried')).keys()]).toContain(
      'README.md',
    );
  });

  it('names the created repository when the push keeps failing, without the token', async () => {
    github.faults.gitNotFound = 100;
    const { ctx, logger } = await context('broken');
    const error = await setup()
      .handler(ctx)
      .catch(e => e);
    expect(error.message).toMatch(
      /^Created repository forja-demo\/broken \(http:\/\/127\.0\.0\.1:\d+\/forja-demo\/broken\) but pushing to it failed after 3 attempts/,
    );
    expect(error.message).not.toContain(TOKEN);
    expect(github.repositories.has('forja-demo/broken')).toBe(true);
    expect(logged(logger)).not.toContain(TOKEN);
  });

  it('deletes the created repository on a failed push when configured', async () => {
    github.faults.gitNotFound = 100;
    const { ctx } = await context('cleaned');
    await expect(
      setup({ deleteRepositoryOnFailure: true }).handler(ctx),
    ).rejects.toThrow(
      /Pushing to forja-demo\/cleaned failed .*the repository was deleted again/,
    );
    expect(github.repositories.has('forja-demo/cleaned')).toBe(false);
  });

  it('waits out a secondary rate limit as GitHub asks', async () => {
    github.faults.secondaryRateLimit = 1;
    github.faults.retryAfterSeconds = 1;
    const { ctx, logger } = await context('patient');
    await setup().handler(ctx);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/GitHub rate limited GET .* waiting 1 s/),
    );
    expect(github.repositories.has('forja-demo/patient')).toBe(true);
  });

  it('says "rate limited" when GitHub asks for a longer wait than allowed', async () => {
    github.faults.secondaryRateLimit = 1;
    github.faults.retryAfterSeconds = 600;
    const { ctx } = await context('impatient');
    await expect(setup().handler(ctx)).rejects.toThrow(
      /GitHub rate limited GET .*retry after 600 s/,
    );
    expect(github.repositories.has('forja-demo/impatient')).toBe(false);
  });

  it('makes no call in a dry run', async () => {
    const { ctx } = await context('dry');
    await setup().handler({ ...ctx, isDryRun: true });
    expect(github.requests).toEqual([]);
  });
});
