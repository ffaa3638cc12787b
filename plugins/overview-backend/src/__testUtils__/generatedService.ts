import { Entity } from '@backstage/catalog-model';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { renderTemplate } from '@forja/plugin-scaffolder-backend-module-forja';
import { FakeGitHub } from '@forja/test-servers';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { gitIn } from './git';

const ROOT = path.resolve(
  resolvePackagePath('@forja/plugin-overview-backend'),
  '../..',
);

/** Sets the image tag of one overlay, as the image workflow's bump does. */
async function setTag(dir: string, env: string, tag: string) {
  const file = path.join(dir, 'k8s/overlays', env, 'kustomization.yaml');
  const doc = parseDocument(await fs.readFile(file, 'utf8'));
  (doc.get('images') as any).items[0].set('newTag', tag);
  await fs.writeFile(file, doc.toString());
}

/**
 * ms-auth as the service template generates it, dev moved to 1.3.0 and staging and prod
 * at 1.2.0, pushed with git to `repository` (default `acme/ms-auth`) on the fake GitHub;
 * and its catalog entity, read from a file as the portal's configured locations are.
 */
export async function generatedService(
  github: FakeGitHub,
  token: string,
  repository = 'acme/ms-auth',
) {
  const values = parse(
    await fs.readFile(
      path.join(ROOT, 'examples/values/video-system/ms-auth.yaml'),
      'utf8',
    ),
  );
  const files = await renderTemplate('service', values, {
    skeletonDir: path.join(ROOT, 'templates/service/skeleton'),
    forjaDir: path.join(ROOT, 'templates/service/forja'),
  });
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'forja-overview-service-'),
  );
  for (const [file, content] of files) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
  await setTag(dir, 'dev', '1.3.0');
  await setTag(dir, 'staging', '1.2.0');
  await setTag(dir, 'prod', '1.2.0');
  const git = gitIn(dir);
  await git('init', '--quiet', '-b', 'main');
  await git('add', '-A');
  await git('commit', '--quiet', '-m', 'initial');
  await git(
    'push',
    '--quiet',
    `http://x-access-token:${token}@${github.host}/${repository}.git`,
    'main',
  );

  const entity = parse(files.get('catalog-info.yaml')!) as Entity;
  entity.metadata.namespace = 'default';
  Object.assign(entity.metadata.annotations!, {
    'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
    'github.com/project-slug': repository,
    'backstage.io/source-location': `url:${github.url}/${repository}/tree/main/`,
  });
  return { entity, dir };
}
