import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeGitHub } from '../github';

const run = promisify(execFile);

/** The demo's service one template version behind, with a local edit that conflicts. */
export const DEMO_UPGRADE_REPOSITORY = 'forja-demo/ms-auth-legacy';
export const DEMO_UPGRADE_ENTITY = 'ms-auth-legacy';

const blobSha = (content: string) => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
};

const replaceOnce = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`expected "${from}"`);
  return text.replace(from, to);
};

/**
 * ms-auth as version 0 of the service template generated it, then edited by its team, in
 * `DEMO_UPGRADE_REPOSITORY`. Version 0 is the current template with three differences
 * (Deployments kept 3 revisions and surged by 1, a NOTES.md, no promote workflow): its
 * render is the rendered example (`examples/systems/video-system/services/ms-auth`)
 * with those differences, and its `.forja/template.json` names version 0 and those
 * files' blobs. The team's commit keeps 10 revisions (the line version 1 changed too:
 * a conflict), adds a README line and points the catalog file at this repository.
 * Returns the catalog location to register it from.
 */
export async function pushServiceOneVersionBehind(
  github: FakeGitHub,
  root: string,
  token: string,
): Promise<{ type: 'url'; target: string }> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-demo-upgrade-'));
  try {
    await fs.cp(
      path.join(root, 'examples/systems/video-system/services/ms-auth'),
      work,
      { recursive: true },
    );
    const file = (name: string) => path.join(work, name);
    const edit = async (name: string, change: (text: string) => string) =>
      fs.writeFile(file(name), change(await fs.readFile(file(name), 'utf8')));
    const record = JSON.parse(
      await fs.readFile(file('.forja/template.json'), 'utf8'),
    );
    // Version 0's render.
    await edit('k8s/base/deployment.yaml', text =>
      replaceOnce(
        replaceOnce(text, 'revisionHistoryLimit: 5', 'revisionHistoryLimit: 3'),
        'maxSurge: 25%',
        'maxSurge: 1',
      ),
    );
    await fs.writeFile(file('NOTES.md'), 'Notes from template v0.\n');
    await fs.rm(file('.github/workflows/promote.yml'));
    delete record.files['.github/workflows/promote.yml'];
    for (const name of ['k8s/base/deployment.yaml', 'NOTES.md'])
      record.files[name] = blobSha(await fs.readFile(file(name), 'utf8'));
    record.files = Object.fromEntries(
      Object.entries(record.files).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    record.version = '0';
    record.digest = `sha256:${createHash('sha256')
      .update('forja demo: service template v0')
      .digest('hex')}`;
    await fs.writeFile(
      file('.forja/template.json'),
      `${JSON.stringify(record, null, 2)}\n`,
    );
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
    await git('commit', '--quiet', '--message', 'Service from Forja (v0)');

    // The team's edits.
    await edit('k8s/base/deployment.yaml', text =>
      replaceOnce(text, 'revisionHistoryLimit: 3', 'revisionHistoryLimit: 10'),
    );
    await fs.appendFile(file('README.md'), '\nOwned by the auth team.\n');
    const [owner, repo] = DEMO_UPGRADE_REPOSITORY.split('/');
    // Its own entity only: the seed ms-auth's database stays the seed's. A service of its
    // own, too: its workloads, applications and dashboards are named for it (never the
    // seed ms-auth's, which two entities would then claim), outside the video system.
    await edit('catalog-info.yaml', text =>
      replaceOnce(
        replaceOnce(
          replaceOnce(
            text.slice(0, text.indexOf('\n---\n') + 1),
            'github.com/project-slug: forja-demo/ms-auth\n',
            `github.com/project-slug: ${owner}/${repo}\n`,
          ),
          'url:https://github.com/forja-demo/ms-auth/tree/main/',
          `url:${github.url}/${owner}/${repo}/tree/main/`,
        ),
        '  system: video-system\n',
        '',
      ).replace(/\bms-auth\b(?!-legacy)/g, DEMO_UPGRADE_ENTITY),
    );
    await git('commit', '--quiet', '--all', '--message', 'Keep 10 revisions');
    const remote = new URL(`${github.url}/${DEMO_UPGRADE_REPOSITORY}.git`);
    remote.username = 'x-access-token';
    remote.password = token;
    await git('push', '--quiet', remote.toString(), 'main');
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return {
    type: 'url',
    target: `${github.url}/${DEMO_UPGRADE_REPOSITORY}/blob/main/catalog-info.yaml`,
  };
}
