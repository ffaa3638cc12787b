import { FakeGitHub } from '@forja/test-servers';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { TOKEN } from './checkout';
import { gitIn } from './git';

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
  const git = gitIn(dir);
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
