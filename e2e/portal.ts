import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const FRONTEND = 'http://localhost:3000';
export const BACKEND = 'http://localhost:7007';
const START_TIMEOUT_MS = 6 * 60_000;

export interface Portal {
  /** Stops the portal's process group. */
  stop(): void;
  /** Resolves when `ready()` says so, failing if the portal exits or time runs out. */
  waitUntil(ready: () => Promise<boolean>): Promise<void>;
}

/**
 * The portal as `./forja start` runs it (frontend :3000, backend :7007) on app-config.yaml
 * and `configFile`, its output in `logFile`; ready once the backend's readiness check and
 * the frontend answer 200.
 */
export async function startPortal(options: {
  configFile: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Portal> {
  return runPortal({
    command: 'yarn',
    args: [
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      options.configFile,
    ],
    cwd: ROOT,
    logFile: options.logFile,
    env: options.env,
  });
}

/**
 * Runs `command` (a portal start: `yarn start`, `./forja start --demo`) in its own process
 * group, its output in `logFile`, until the backend's readiness check and the frontend
 * answer 200.
 */
export async function runPortal(options: {
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Portal> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'w');
  const portal = spawn(options.command, options.args, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none', ...options.env },
  });
  let exited: number | null | undefined;
  portal.on('exit', code => {
    exited = code;
  });
  const stop = () => {
    if (exited === undefined && portal.pid)
      process.kill(-portal.pid, 'SIGTERM');
  };
  process.once('exit', stop);
  const deadline = Date.now() + START_TIMEOUT_MS;
  const waitUntil = async (ready: () => Promise<boolean>) => {
    while (Date.now() < deadline) {
      if (exited !== undefined) {
        throw new Error(
          `the portal exited with code ${exited}; see ${options.logFile}`,
        );
      }
      if (await ready().catch(() => false)) return;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`the portal was not ready in time; see ${options.logFile}`);
  };
  const answers = (url: string) => async () => (await fetch(url)).ok;
  await waitUntil(answers(`${BACKEND}/.backstage/health/v1/readiness`));
  await waitUntil(answers(FRONTEND));
  return { stop, waitUntil };
}
