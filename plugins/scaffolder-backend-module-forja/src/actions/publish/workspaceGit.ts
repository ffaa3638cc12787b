import { InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How long one git command may take; a push that hangs is killed after this. */
export const GIT_TIMEOUT_MS = 120_000;

/**
 * Paths in the workspace that git would treat as a repository of its own: `.git` at any
 * depth, in any case (case-insensitive file systems), file (`gitdir:` pointer) or folder.
 * Symlinks are not followed.
 */
export async function findGitDirectories(workspace: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name.toLowerCase() === '.git') {
        found.push(path.relative(workspace, full));
      } else if (entry.isDirectory()) {
        await walk(full);
      }
    }
  };
  await walk(workspace);
  return found.sort();
}

/** Refuses a workspace holding anything git treats as its directory, naming it. */
export async function assertNoGitDirectory(workspace: string): Promise<void> {
  const found = await findGitDirectories(workspace);
  if (found.length) {
    throw new InputError(
      `The workspace contains ${found
        .map(p => `"${p}"`)
        .join(
          ', ',
        )}: a template step wrote a git directory, whose config and hooks git would run. forja:github:publish publishes files only; remove it from the template. Nothing was published.`,
    );
  }
}

/**
 * Settings every git command gets, whatever the workspace or the machine says: no hooks,
 * no fsmonitor, only HTTP(S) transports.
 */
const FIXED_CONFIG: Array<[string, string]> = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['protocol.allow', 'never'],
  ['protocol.https.allow', 'always'],
  ['protocol.http.allow', 'always'],
];

/**
 * git over a workspace whose content is untrusted. The repository lives outside the
 * workspace (GIT_DIR in a temporary folder), so nothing the workspace holds is read as
 * git configuration; git runs with a minimal environment (PATH and an empty HOME: no
 * backend secret, no system or global config) and fixed settings that switch off hooks
 * and fsmonitor. A token travels in an Authorization header set through the environment,
 * never in argv or URLs.
 */
export class WorkspaceGit {
  private constructor(
    private readonly workspace: string,
    private readonly scratch: string,
  ) {}

  static async create(workspace: string): Promise<WorkspaceGit> {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-git-'));
    await fs.mkdir(path.join(scratch, 'home'));
    return new WorkspaceGit(workspace, scratch);
  }

  /** The environment git runs with: nothing of the backend's own. */
  environment(token?: string): NodeJS.ProcessEnv {
    const config: Array<[string, string]> = [...FIXED_CONFIG];
    if (token) {
      const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
      config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
    }
    const home = path.join(this.scratch, 'home');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CONFIG_HOME: home,
      LANG: 'C',
      GIT_DIR: path.join(this.scratch, 'repo.git'),
      GIT_WORK_TREE: this.workspace,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: String(config.length),
    };
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
  }

  async run(args: string[], token?: string) {
    return run('git', args, {
      cwd: this.workspace,
      env: this.environment(token),
      maxBuffer: 64 * 1024 * 1024,
      timeout: GIT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  }

  /** Removes the repository and the empty home. */
  async dispose(): Promise<void> {
    await fs.rm(this.scratch, { recursive: true, force: true });
  }
}
