import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGitDirectories, WorkspaceGit } from './workspaceGit';

const temp = (prefix: string) =>
  fs.mkdtemp(path.join(os.tmpdir(), `forja-${prefix}-`));

/** A HOME whose global git config runs a hook writing the environment to `marker`. */
async function homeWithHook(marker: string) {
  const home = await temp('home');
  const hooks = path.join(home, 'hooks');
  await fs.mkdir(hooks);
  for (const hook of ['pre-commit', 'post-commit', 'pre-push']) {
    await fs.writeFile(
      path.join(hooks, hook),
      `#!/bin/sh\nenv >> ${marker}\n`,
      { mode: 0o755 },
    );
  }
  await fs.writeFile(
    path.join(home, '.gitconfig'),
    `[core]\n\thooksPath = ${hooks}\n\tfsmonitor = "env >> ${marker}"\n`,
  );
  return home;
}

async function workspace() {
  const dir = await temp('workspace');
  await fs.writeFile(path.join(dir, 'README.md'), '# svc\n');
  return dir;
}

describe('WorkspaceGit', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('finds .git at any depth and in any case, file or folder, without following links', async () => {
    const dir = await workspace();
    await fs.mkdir(path.join(dir, 'a/b/.Git'), { recursive: true });
    await fs.writeFile(path.join(dir, '.git'), 'gitdir: /elsewhere\n');
    const outside = await temp('outside');
    await fs.mkdir(path.join(outside, '.git'));
    await fs.symlink(outside, path.join(dir, 'link'));
    expect(await findGitDirectories(dir)).toEqual(['.git', 'a/b/.Git']);
  });

  it('gives git no variable of the backend but PATH', async () => {
    process.env.GITHUB_TOKEN = 'ghp_backendsecret';
    process.env.ARGOCD_TOKEN = 'argocd-secret';
    const git = await WorkspaceGit.create(await workspace());
    const env = git.environment('tok');
    await git.dispose();
    expect(JSON.stringify(env)).not.toMatch(/backendsecret|argocd-secret/);
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.HOME).not.toBe(process.env.HOME);
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
    expect(env.GIT_CONFIG_GLOBAL).toBe('/dev/null');
  });

  it('runs no hook and no fsmonitor from the machine’s global config (plain git does: the control)', async () => {
    const marker = path.join(await temp('marker'), 'ran');
    process.env.HOME = await homeWithHook(marker);
    process.env.FORJA_CANARY = 'backend-secret';

    // The control: plain git with the backend's environment, as the action ran it
    // before, runs the hook.
    const control = { cwd: await workspace(), env: { ...process.env } };
    const identity = ['-c', 'user.name=t', '-c', 'user.email=t@t'];
    execFileSync('git', ['init', '--quiet'], control);
    execFileSync('git', ['add', '--all'], control);
    execFileSync('git', [...identity, 'commit', '--quiet', '-m', 'x'], control);
    expect(await fs.readFile(marker, 'utf8')).toContain('backend-secret');
    await fs.rm(marker);

    const dir = await workspace();
    const git = await WorkspaceGit.create(dir);
    await git.run(['init', '--quiet', '--initial-branch', 'main']);
    await git.run(['add', '--all']);
    await git.run([...identity, 'commit', '--quiet', '-m', 'x']);
    const { stdout } = await git.run(['ls-files']);
    expect(stdout.trim()).toBe('README.md');
    expect(existsSync(marker)).toBe(false);
    // The repository lives outside the workspace, and goes with dispose().
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
    await git.dispose();
  });
});
