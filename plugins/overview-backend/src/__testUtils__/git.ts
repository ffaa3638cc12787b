import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in `dir` as a fixed author, as the tests' pushes need. */
export function gitIn(dir: string) {
  return (...args: string[]) =>
    run('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Forja',
        GIT_AUTHOR_EMAIL: 'forja@example.com',
        GIT_COMMITTER_NAME: 'Forja',
        GIT_COMMITTER_EMAIL: 'forja@example.com',
      },
    });
}
