// A Backstage app that is not this repository: a backend in a temporary folder, made as
// `@backstage/create-app` makes one, with Forja's packed packages added as their READMEs say.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedPackage } from './pack';
import type { BackendSteps } from './readmeSteps';

/** Backstage's own backend plugins the app starts with (as a created app has them). */
const BACKSTAGE_BACKEND = [
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-kubernetes-backend',
  '@backstage/plugin-permission-backend',
];
/** Native builds nothing here runs (credential storage of the CLI, SSH for Docker). */
const UNBUILT = ['keytar', 'ssh2', 'cpu-features'];

/** The release's version ranges, as this repository's backend pins them. */
function backstageRanges(root: string): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(root, 'packages/backend/package.json'), 'utf8'),
  );
  return manifest.dependencies;
}

/**
 * Writes the app into `dir`: root and backend package.json (Forja's packages resolved to
 * their tarballs, as the registry would serve them), packages/backend/src/index.ts with
 * the READMEs' lines, and installs it with Yarn offline from this machine's cache, this
 * repository's lockfile as the starting point (the same Backstage release).
 */
export function createApp(options: {
  root: string;
  dir: string;
  packed: PackedPackage[];
  steps: BackendSteps[];
  yarnRelease: string;
}) {
  const { root, dir, packed, steps } = options;
  const ranges = backstageRanges(root);
  const backend = join(dir, 'packages/backend');
  mkdirSync(join(backend, 'src'), { recursive: true });
  const tarballs = Object.fromEntries(
    packed.map(pkg => [pkg.name, `file:${pkg.tarball}`]),
  );
  const version = (name: string) => {
    const own = packed.find(pkg => pkg.name === name);
    if (own) return `^${own.version}`;
    if (!ranges[name]) throw new Error(`no version of ${name} in the release`);
    return ranges[name];
  };
  const added = [
    ...new Set([
      '@backstage/backend-defaults',
      'better-sqlite3',
      ...BACKSTAGE_BACKEND,
      ...steps.flatMap(step => step.add),
    ]),
  ].sort();
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'someone-elses-portal',
        private: true,
        workspaces: ['packages/*'],
        resolutions: tarballs,
        dependenciesMeta: Object.fromEntries(
          UNBUILT.map(name => [name, { built: false }]),
        ),
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(backend, 'package.json'),
    JSON.stringify(
      {
        name: 'backend',
        private: true,
        dependencies: Object.fromEntries(
          added.map(name => [name, version(name)]),
        ),
      },
      null,
      2,
    ),
  );
  const lines = [
    ...BACKSTAGE_BACKEND.map(name => `backend.add(import('${name}'));`),
    ...steps.flatMap(step => step.lines),
  ];
  writeFileSync(
    join(backend, 'src/index.ts'),
    [
      "import { createBackend } from '@backstage/backend-defaults';",
      '',
      'const backend = createBackend();',
      ...new Set(lines),
      'backend.start();',
      '',
    ].join('\n'),
  );
  copyFileSync(join(root, 'yarn.lock'), join(dir, 'yarn.lock'));
  writeFileSync(
    join(dir, '.yarnrc.yml'),
    [
      'nodeLinker: node-modules',
      'nmMode: hardlinks-global',
      // Everything comes from this machine's cache: a package missing there fails the install.
      'enableNetwork: false',
      'enableTelemetry: false',
      '',
    ].join('\n'),
  );
  execFileSync(
    process.execPath,
    [join(root, options.yarnRelease), 'install', '--no-immutable'],
    {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
    },
  );
}
