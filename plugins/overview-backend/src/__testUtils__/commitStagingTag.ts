import { FakeGitHub } from '@forja/test-servers';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { TOKEN } from './checkout';

const run = promisify(execFile);

/** One more commit of the service's checkout setting staging's tag, pushed to `branch`. */
export async function commitStagingTag(
  github: FakeGitHub,
  dir: string,
  tag: string,
  branch = 'main',
): Promise<string> {
  const file = path.join(dir, 'k8s/overlays/staging/kustomization.yaml');
  const doc = parseDocument(await fs.readFile(file, 'utf8'));
  (doc.get('images') as any).items[0].set('newTag', tag);
  await fs.writeFile(file, doc.toString());
  const git = (...args: string[]) =>
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
  await git('checkout', '--quiet', '-B', branch);
  await git('commit', '--quiet', '-am', `deploy: ${tag} to staging`);
  await git(
    'push',
    '--quiet',
    `http://x-access-token:${TOKEN}@${github.host}/acme/ms-auth.git`,
    branch,
  );
  const { stdout } = await git('rev-parse', 'HEAD');
  await git('checkout', '--quiet', 'main');
  return stdout.trim();
}
