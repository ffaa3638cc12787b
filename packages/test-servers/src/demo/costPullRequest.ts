import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeGitHub } from '../github';
import { DEMO_GITHUB_TOKEN, DEMO_PLATFORM_REPOSITORY } from './github';

const run = promisify(execFile);

/** The branch of the demo's pull request: prod's nodes made larger and more numerous. */
export const DEMO_COST_BRANCH = 'forja/bigger-prod-nodes';
const FORJA_MODULES = 'https://github.com/forja-dev/forja.git';

/**
 * What `.github/workflows/cost.yml` does on a pull request, played on the demo's platform
 * repository: a pull request changing prod's node pool is opened, its base and head are
 * checked out side by side, forja-cost (from `root`'s sources, Forja's modules from `root`)
 * prices both and posts the comment. Returns the pull request's number.
 */
export async function openDemoCostPullRequest(
  github: FakeGitHub,
  root: string,
): Promise<number> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-demo-cost-'));
  const remote = new URL(`${github.url}/${DEMO_PLATFORM_REPOSITORY}.git`);
  remote.username = 'x-access-token';
  remote.password = DEMO_GITHUB_TOKEN;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Forja demo',
    GIT_AUTHOR_EMAIL: 'demo@forja.invalid',
    GIT_COMMITTER_NAME: 'Forja demo',
    GIT_COMMITTER_EMAIL: 'demo@forja.invalid',
    GIT_TERMINAL_PROMPT: '0',
  };
  const git = (cwd: string, ...args: string[]) =>
    run('git', args, { cwd, env });
  try {
    const base = path.join(work, 'base');
    const head = path.join(work, 'head');
    await git(
      work,
      'clone',
      '--quiet',
      '--branch',
      'main',
      remote.toString(),
      base,
    );
    await git(
      work,
      'clone',
      '--quiet',
      '--branch',
      'main',
      remote.toString(),
      head,
    );
    await git(head, 'checkout', '--quiet', '-b', DEMO_COST_BRANCH);
    const tfvars = path.join(
      head,
      'terraform/environments/prod/terraform.auto.tfvars.json',
    );
    const values = JSON.parse(await fs.readFile(tfvars, 'utf8'));
    values.cluster.node_pool.instance_type = 'm6i.xlarge';
    values.cluster.node_pool.desired_size += 2;
    await fs.writeFile(tfvars, `${JSON.stringify(values, null, 2)}\n`);
    await git(
      head,
      'commit',
      '--quiet',
      '--all',
      '--message',
      'Bigger nodes in prod',
    );
    await git(head, 'push', '--quiet', 'origin', DEMO_COST_BRANCH);

    const answer = await fetch(
      `${github.apiBaseUrl}/repos/${DEMO_PLATFORM_REPOSITORY}/pulls`,
      {
        method: 'POST',
        headers: { authorization: `token ${DEMO_GITHUB_TOKEN}` },
        body: JSON.stringify({
          title: 'Bigger nodes in prod',
          head: DEMO_COST_BRANCH,
          base: 'main',
          body: 'prod runs m6i.xlarge nodes, two more of them.',
        }),
      },
    );
    const pull = (await answer.json()).number as number;

    const forjaCost = (...args: string[]) =>
      run(
        process.execPath,
        [
          '--require',
          path.join(
            root,
            'node_modules/@backstage/cli/config/nodeTransform.cjs',
          ),
          path.join(root, 'plugins/cost-node/src/commands/main.ts'),
          ...args,
        ],
        {
          cwd: work,
          env: {
            ...process.env,
            GITHUB_API_URL: github.apiBaseUrl,
            GITHUB_TOKEN: DEMO_GITHUB_TOKEN,
          },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
    const { stdout } = await forjaCost(
      'diff',
      '--base',
      base,
      '--head',
      head,
      `--module-repository=${FORJA_MODULES}=${root}`,
      'terraform/environments',
    );
    const body = path.join(work, 'cost.md');
    await fs.writeFile(body, stdout);
    await forjaCost(
      'comment',
      '--repo',
      DEMO_PLATFORM_REPOSITORY,
      '--pull',
      String(pull),
      '--body-file',
      body,
    );
    return pull;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
