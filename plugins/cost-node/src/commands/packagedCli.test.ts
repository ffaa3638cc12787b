import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { estimatePath } from '../estimatePath';
import { FORJA_REPOSITORY } from '../paths';

const run = promisify(execFile);
const PACKAGE = path.resolve(__dirname, '../..');
const ROOT = path.resolve(PACKAGE, '../..');
const SEED = path.join(ROOT, 'examples/systems/video-system');

/**
 * A workspace package as npm would give it: built, packed (`yarn pack` runs the prepack
 * that points `main` at dist) and unpacked into `dir`'s node_modules; Forja's packages it
 * depends on likewise (published beside it), the others linked from this repository's
 * node_modules. Nothing resolves into a workspace's TypeScript sources.
 */
async function installPacked(dir: string, name: string): Promise<string> {
  const target = path.join(dir, 'node_modules', name);
  const source = await fs.realpath(path.join(ROOT, 'node_modules', name));
  await run('yarn', ['workspace', name, 'build'], { cwd: ROOT });
  const tarball = path.join(dir, `${path.basename(source)}.tgz`);
  await run('yarn', ['pack', '--out', tarball], { cwd: source });
  await fs.mkdir(target, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  const manifest = JSON.parse(
    await fs.readFile(path.join(target, 'package.json'), 'utf8'),
  );
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const link = path.join(dir, 'node_modules', dependency);
    if (await fs.stat(link).catch(() => undefined)) continue;
    if (dependency.startsWith('@forja/')) {
      await installPacked(dir, dependency);
      continue;
    }
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(
      await fs.realpath(path.join(ROOT, 'node_modules', dependency)),
      link,
    );
  }
  return target;
}

/** The CLI as CI gets it: the package and its own, packed and installed; run with plain Node. */
async function installPackedCli(dir: string): Promise<string> {
  const target = await installPacked(dir, '@forja/plugin-cost-node');
  const manifest = JSON.parse(
    await fs.readFile(path.join(target, 'package.json'), 'utf8'),
  );
  return path.join(target, manifest.bin['forja-cost']);
}

const git = (cwd: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], { cwd });

describe('forja-cost, packed and installed', () => {
  let dir: string;
  let cli: string;
  let github: FakeGitHub;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'forja-cost-cli-'));
    cli = await installPackedCli(dir);
    github = await startFakeGitHub({
      token: 'ghs_actions',
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/video-platform'],
    });
  }, 300_000);
  afterAll(async () => {
    await github?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prices two git checkouts of a generated environment and comments the difference once', async () => {
    // A generated environment; the pull request adds nodes and makes them larger in prod.
    const origin = path.join(dir, 'origin');
    await fs.cp(path.join(SEED, 'terraform'), path.join(origin, 'terraform'), {
      recursive: true,
    });
    await fs.cp(path.join(SEED, '.forja'), path.join(origin, '.forja'), {
      recursive: true,
    });
    await git(origin, 'init', '--quiet', '-b', 'main');
    await git(origin, 'add', '-A');
    await git(origin, 'commit', '--quiet', '-m', 'platform');
    await git(origin, 'checkout', '--quiet', '-b', 'bigger-nodes');
    const tfvars = path.join(
      origin,
      'terraform/environments/prod/terraform.auto.tfvars.json',
    );
    const values = JSON.parse(await fs.readFile(tfvars, 'utf8'));
    values.cluster.node_pool.instance_type = 'm6i.2xlarge';
    values.cluster.node_pool.desired_size = 5;
    await fs.writeFile(tfvars, JSON.stringify(values, null, 2));
    await git(origin, 'commit', '--quiet', '-am', 'bigger nodes');
    const base = path.join(dir, 'base');
    const head = path.join(dir, 'head');
    await git(dir, 'clone', '--quiet', '--branch', 'main', origin, base);
    await git(
      dir,
      'clone',
      '--quiet',
      '--branch',
      'bigger-nodes',
      origin,
      head,
    );

    const env = { ...process.env, FORJA_ROOT: '' };
    const sources = await run(process.execPath, [cli, 'module-sources', base], {
      env,
    });
    expect(sources.stdout).toBe(`${FORJA_REPOSITORY} v0.1.0\n`);
    const args = [
      'diff',
      '--base',
      base,
      '--head',
      head,
      `--module-repository=${FORJA_REPOSITORY}=${ROOT}`,
      'terraform/environments',
    ];
    const json = JSON.parse(
      (await run(process.execPath, [cli, ...args, '--format', 'json'], { env }))
        .stdout,
    );

    // The engine's own estimate of each side, in this process.
    const estimate = (checkout: string, name: string) =>
      estimatePath(path.join(checkout, 'terraform/environments', name), {
        moduleRepositories: { [FORJA_REPOSITORY]: ROOT },
        readRoot: checkout,
      });
    const costs = async (checkout: string) => {
      const map = new Map<string, number>();
      for (const name of ['dev', 'prod', 'staging']) {
        for (const r of (await estimate(checkout, name)).projects[0].breakdown
          .resources) {
          map.set(
            `terraform/environments/${name} ${r.name}`,
            Math.round(Number(r.monthlyCost) * 100) / 100,
          );
        }
      }
      return map;
    };
    const before = await costs(base);
    const after = await costs(head);
    const changed = [...after]
      .filter(([key, cost]) => before.get(key) !== cost)
      .map(([key, cost]) => {
        const [project, address] = key.split(' ');
        return {
          project,
          address,
          before: before.get(key) ?? null,
          after: cost,
        };
      });
    expect(changed.length).toBeGreaterThan(0);
    expect(
      changed.every(c => c.project === 'terraform/environments/prod'),
    ).toBe(true);
    expect(
      json.resources.map((r: any) => ({
        project: r.project,
        address: r.address,
        before: r.before,
        after: r.after,
      })),
    ).toEqual(changed);
    const prod = async (checkout: string) =>
      Number((await estimate(checkout, 'prod')).totalMonthlyCost);
    expect(
      json.projects.find((p: any) => p.name === 'terraform/environments/prod'),
    ).toEqual({
      name: 'terraform/environments/prod',
      before: Math.round((await prod(base)) * 100) / 100,
      after: Math.round((await prod(head)) * 100) / 100,
      change: expect.any(Number),
    });
    expect(json.totals.change).toBeGreaterThan(0);
    expect(json.pricesRetrievedAt).toMatch(/^\d{4}-\d\d-\d\d$/);

    // The markdown, posted twice as the workflow does: one comment, updated.
    const markdown = (await run(process.execPath, [cli, ...args], { env }))
      .stdout;
    const body = path.join(dir, 'cost.md');
    await fs.writeFile(body, markdown);
    github.pullRequests.push({
      repository: 'acme/video-platform',
      number: 1,
      title: 'Bigger nodes in prod',
      body: '',
      head: 'bigger-nodes',
      base: 'main',
      state: 'open',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const comment = () =>
      run(
        process.execPath,
        [
          cli,
          'comment',
          '--repo',
          'acme/video-platform',
          '--pull',
          '1',
          '--body-file',
          body,
        ],
        {
          env: {
            ...env,
            GITHUB_API_URL: github.apiBaseUrl,
            GITHUB_TOKEN: 'ghs_actions',
          },
        },
      );
    expect((await comment()).stdout).toMatch(
      /^created http.*#issuecomment-\d+\n$/,
    );
    expect((await comment()).stdout).toMatch(
      /^updated http.*#issuecomment-\d+\n$/,
    );
    expect(github.issueComments.map(c => c.body)).toEqual([markdown]);
    expect(markdown).toMatch(/Monthly cost will increase by \*\*\$[\d,.]+\*\*/);
  }, 300_000);
});
