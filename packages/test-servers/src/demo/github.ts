import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeGitHub, startFakeGitHub } from '../github';
import {
  DEMO_UPGRADE_REPOSITORY,
  pushServiceOneVersionBehind,
} from './templateUpgrade';

const run = promisify(execFile);

export const DEMO_GITHUB_TOKEN = 'ghp_forjademogithubtoken0123456789abcdef';
export const DEMO_GITHUB_ORG = 'forja-demo';
/** The video system's environment repository, which services register on. */
export const DEMO_PLATFORM_REPOSITORY = `${DEMO_GITHUB_ORG}/video-platform`;

/**
 * The demo's GitHub: the `forja-demo` organisation with the video system's environment
 * repository, pushed over git's HTTP protocol from the rendered example (`examples/systems/
 * video-system` without its services), so the service template can register on it; and
 * a service one template version behind (`pushServiceOneVersionBehind`).
 */
export async function startDemoGitHub(root: string): Promise<FakeGitHub> {
  const github = await startFakeGitHub({
    token: DEMO_GITHUB_TOKEN,
    accounts: { [DEMO_GITHUB_ORG]: 'Organization', guest: 'User' },
    existingRepositories: [DEMO_PLATFORM_REPOSITORY, DEMO_UPGRADE_REPOSITORY],
  });
  try {
    await pushTree(
      github,
      path.join(root, 'examples', 'systems', 'video-system'),
      DEMO_PLATFORM_REPOSITORY,
      name => name !== 'services',
    );
    await pushServiceOneVersionBehind(github, root, DEMO_GITHUB_TOKEN);
  } catch (error) {
    await github.close();
    throw error;
  }
  return github;
}

/** Commits a directory (top-level entries `keep` accepts) and pushes it as `main`. */
export async function pushTree(
  github: FakeGitHub,
  source: string,
  fullName: string,
  keep: (topLevelName: string) => boolean,
) {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-demo-push-'));
  try {
    for (const entry of await fs.readdir(source)) {
      if (keep(entry))
        await fs.cp(path.join(source, entry), path.join(work, entry), {
          recursive: true,
        });
    }
    const git = (...args: string[]) =>
      run('git', args, {
        cwd: work,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Forja demo',
          GIT_AUTHOR_EMAIL: 'demo@forja.invalid',
          GIT_COMMITTER_NAME: 'Forja demo',
          GIT_COMMITTER_EMAIL: 'demo@forja.invalid',
          GIT_TERMINAL_PROMPT: '0',
        },
      });
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '--all');
    await git('commit', '--quiet', '--message', 'Environment from Forja');
    const remote = new URL(`${github.url}/${fullName}.git`);
    remote.username = 'x-access-token';
    remote.password = DEMO_GITHUB_TOKEN;
    await git('push', '--quiet', remote.toString(), 'main');
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
