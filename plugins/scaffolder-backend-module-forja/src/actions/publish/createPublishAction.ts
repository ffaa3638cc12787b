import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { Octokit } from '@octokit/rest';
import { PublishRetryConfig } from '../../config';
import { examples } from './createPublishAction.examples';
import { assertNoGitDirectory, WorkspaceGit } from './workspaceGit';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export class RateLimitedError extends Error {
  name = 'RateLimitedError';
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * Octokit that waits out GitHub's rate limits: a 403/429 with `retry-after` (secondary
 * limits) or an exhausted primary limit is retried after the time GitHub asks for, within
 * `maxWaitMs`; past that the error says "rate limited". 5xx answers are retried with
 * exponential backoff.
 */
export function createOctokit(options: {
  baseUrl: string;
  token: string;
  retry: PublishRetryConfig;
  onWait?: (message: string) => void;
}): Octokit {
  const octokit = new Octokit({
    baseUrl: options.baseUrl,
    auth: options.token,
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (e) {
        const error = e as HttpError;
        const headers = error.response?.headers ?? {};
        const limited =
          (error.status === 403 || error.status === 429) &&
          (headers['retry-after'] !== undefined ||
            headers['x-ratelimit-remaining'] === '0');
        const route = `${requestOptions.method} ${requestOptions.url}`;
        if (limited) {
          const waitMs = headers['retry-after']
            ? Number(headers['retry-after']) * 1000
            : Number(headers['x-ratelimit-reset'] ?? 0) * 1000 - Date.now();
          if (
            attempt >= options.retry.attempts ||
            waitMs > options.retry.maxWaitMs
          ) {
            throw new RateLimitedError(
              `GitHub rate limited ${route}; it asks to retry after ${Math.ceil(
                waitMs / 1000,
              )} s. Run the task again later.`,
            );
          }
          options.onWait?.(
            `GitHub rate limited ${route}; waiting ${Math.ceil(
              waitMs / 1000,
            )} s as it asks`,
          );
          await sleep(Math.max(waitMs, 0));
          continue;
        }
        if ((error.status ?? 0) >= 500 && attempt < options.retry.attempts) {
          await sleep(options.retry.initialDelayMs * 2 ** (attempt - 1));
          continue;
        }
        throw e;
      }
    }
  });
  return octokit;
}

/** Commits the workspace and pushes it as the first commit, retrying with backoff. */
async function pushInitialCommit(options: {
  workspace: string;
  remoteUrl: string;
  branch: string;
  token: string;
  author: { name: string; email: string };
  retry: PublishRetryConfig;
}): Promise<string> {
  const { branch, author, retry } = options;
  const git = await WorkspaceGit.create(options.workspace);
  try {
    await git.run(['init', '--quiet', '--initial-branch', branch]);
    await git.run(['add', '--all']);
    await git.run([
      '-c',
      `user.name=${author.name}`,
      '-c',
      `user.email=${author.email}`,
      'commit',
      '--quiet',
      '--message',
      'Initial commit from Forja',
    ]);
    const { stdout } = await git.run(['rev-parse', 'HEAD']);
    for (let attempt = 1; ; attempt++) {
      try {
        // A plain push of a new branch: git refuses anything that is not a fast-forward.
        await git.run(
          ['push', '--quiet', options.remoteUrl, `HEAD:refs/heads/${branch}`],
          options.token,
        );
        return stdout.trim();
      } catch (error) {
        if (attempt >= retry.attempts) throw error;
        await sleep(retry.initialDelayMs * 2 ** (attempt - 1));
      }
    }
  } finally {
    await git.dispose();
  }
}

const redact = (text: string, token: string) =>
  token ? text.split(token).join('***') : text;

/**
 * forja:github:publish: creates a new GitHub repository, pushes the workspace as its first
 * commit (never into an existing repository, never forced), protects the default branch
 * and creates GitHub Environments. Pushes are retried with backoff; when they still fail,
 * the error names the repository that was created (or says it was deleted, when
 * `forja.publish.deleteRepositoryOnFailure` is set).
 */
export function createPublishAction(options: {
  integrations: ScmIntegrations;
  retry: PublishRetryConfig;
  deleteRepositoryOnFailure: boolean;
  author: { name: string; email: string };
}) {
  const credentials = DefaultGithubCredentialsProvider.fromIntegrations(
    options.integrations,
  );
  return createTemplateAction({
    id: 'forja:github:publish',
    description:
      'Creates a GitHub repository from the workspace: first commit, branch protection and GitHub Environments.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe('Repository location, as the RepoUrlPicker gives it'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory inside the workspace that becomes the repository (default: the workspace)',
            ),
        description: z =>
          z.string().max(350).optional().describe('Repository description'),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[\w.-]{1,100}$/)
            .optional()
            .describe('Default: main'),
        visibility: z =>
          z
            .enum(['private', 'internal', 'public'])
            .optional()
            .describe('Default: private'),
        environments: z =>
          z
            .array(z.string().regex(/^[\w.-]{1,100}$/))
            .optional()
            .describe('GitHub Environments to create'),
        requiredApprovingReviewCount: z =>
          z.number().int().min(0).max(6).optional().describe('Default: 1'),
      },
      output: {
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
        commitHash: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      // The scaffolder validates inputs but does not apply schema defaults.
      const input = {
        ...ctx.input,
        defaultBranch: ctx.input.defaultBranch ?? 'main',
        visibility: ctx.input.visibility ?? 'private',
        environments: ctx.input.environments ?? [],
        requiredApprovingReviewCount:
          ctx.input.requiredApprovingReviewCount ?? 1,
      };
      const { host, owner, repo } = parseRepoUrl(
        input.repoUrl,
        options.integrations,
      );
      if (!owner)
        throw new InputError(`repoUrl "${input.repoUrl}" has no owner`);
      const integration = options.integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(`No GitHub integration is configured for ${host}`);
      }
      const fullName = `${owner}/${repo}`;
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      // Before anything is created: git must never read what a template wrote as its own.
      await assertNoGitDirectory(source);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create ${fullName} on ${host} and push ${input.defaultBranch}`,
        );
        ctx.output('remoteUrl', `https://${host}/${fullName}.git`);
        ctx.output(
          'repoContentsUrl',
          `https://${host}/${fullName}/blob/${input.defaultBranch}`,
        );
        return;
      }
      const { token } = await credentials.getCredentials({
        url: `https://${host}/${fullName}`,
      });
      if (!token)
        throw new InputError(`No GitHub credentials for ${host}/${owner}`);
      const octokit = createOctokit({
        baseUrl: integration.config.apiBaseUrl!,
        token,
        retry: options.retry,
        onWait: message => ctx.logger.warn(message),
      });

      const existing = await octokit.rest.repos
        .get({ owner, repo })
        .catch((e: HttpError) => {
          if (e.status === 404) return undefined;
          throw e;
        });
      if (existing) {
        throw new InputError(
          `Repository ${fullName} already exists; Forja only publishes into new repositories and never force-pushes`,
        );
      }
      const created = await ctx.checkpoint({
        key: `forja.github.create.${fullName}`,
        fn: async () => {
          const account = await octokit.rest.users.getByUsername({
            username: owner,
          });
          const settings = {
            name: repo,
            description: input.description,
            private: input.visibility !== 'public',
            auto_init: false,
          };
          try {
            const { data } =
              account.data.type === 'Organization'
                ? await octokit.rest.repos.createInOrg({
                    org: owner,
                    // Octokit 19's types predate "internal"; the API accepts it for organisations.
                    visibility: input.visibility as 'private' | 'public',
                    ...settings,
                  })
                : await octokit.rest.repos.createForAuthenticatedUser(settings);
            return { cloneUrl: data.clone_url, htmlUrl: data.html_url };
          } catch (e) {
            if ((e as HttpError).status === 422) {
              throw new InputError(
                `Repository ${fullName} already exists; Forja never pushes into an existing repository`,
              );
            }
            throw e;
          }
        },
      });
      ctx.logger.info(`Created ${created.htmlUrl}`);

      const commitHash = await pushInitialCommit({
        workspace: source,
        remoteUrl: created.cloneUrl,
        branch: input.defaultBranch,
        token,
        author: options.author,
        retry: options.retry,
      }).catch(async (error: Error) => {
        const reason =
          redact(error.message, token).split('\n').find(Boolean) ??
          'unknown error';
        if (options.deleteRepositoryOnFailure) {
          await octokit.rest.repos.delete({ owner, repo });
          throw new Error(
            `Pushing to ${fullName} failed (${reason}); the repository was deleted again`,
          );
        }
        throw new Error(
          `Created repository ${fullName} (${created.htmlUrl}) but pushing to it failed after ${options.retry.attempts} attempts: ${reason}. The repository was left in place and empty: delete it, or run the task again with another name.`,
        );
      });

      await octokit.rest.repos.updateBranchProtection({
        owner,
        repo,
        branch: input.defaultBranch,
        required_status_checks: null,
        enforce_admins: false,
        required_pull_request_reviews: {
          required_approving_review_count: input.requiredApprovingReviewCount,
        },
        restrictions: null,
      });
      for (const environment of input.environments) {
        await octokit.rest.repos.createOrUpdateEnvironment({
          owner,
          repo,
          environment_name: environment,
        });
      }
      ctx.logger.info(
        `Pushed ${commitHash.slice(0, 12)} to ${fullName}, protected ${
          input.defaultBranch
        }${
          input.environments.length
            ? `, created environments ${input.environments.join(', ')}`
            : ''
        }`,
      );
      ctx.output('remoteUrl', created.cloneUrl);
      ctx.output(
        'repoContentsUrl',
        `${created.htmlUrl}/blob/${input.defaultBranch}`,
      );
      ctx.output('commitHash', commitHash);
    },
  });
}
