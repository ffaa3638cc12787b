// A Backstage app that is not this repository: a root, packages/app and packages/backend in
// a temporary folder, made as `@backstage/create-app` makes them, with Forja's packed
// packages added as their READMEs say.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { PackedPackage } from './pack';
import type { BackendSteps, FrontendSteps } from './readmeSteps';

/** Backstage's own backend plugins the app starts with (as a created app has them). */
const BACKSTAGE_BACKEND = [
  '@backstage/plugin-app-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-kubernetes-backend',
  '@backstage/plugin-permission-backend',
];
/** packages/app's dependencies in create-app's template (the new frontend system). */
const TEMPLATE_APP = [
  '@backstage/cli',
  '@backstage/core-components',
  '@backstage/core-plugin-api',
  '@backstage/frontend-defaults',
  '@backstage/frontend-plugin-api',
  '@backstage/integration-react',
  '@backstage/plugin-api-docs',
  '@backstage/plugin-app-react',
  '@backstage/plugin-app-visualizer',
  '@backstage/plugin-auth',
  '@backstage/plugin-catalog',
  '@backstage/plugin-catalog-graph',
  '@backstage/plugin-catalog-import',
  '@backstage/plugin-home',
  '@backstage/plugin-home-react',
  '@backstage/plugin-kubernetes',
  '@backstage/plugin-notifications',
  '@backstage/plugin-org',
  '@backstage/plugin-scaffolder',
  '@backstage/plugin-search',
  '@backstage/plugin-app-module-user-settings',
  '@backstage/plugin-signals',
  '@backstage/plugin-techdocs',
  '@backstage/plugin-techdocs-module-addons-contrib',
  '@backstage/plugin-user-settings',
  '@backstage/ui',
  '@material-ui/core',
  '@material-ui/icons',
  'react',
  'react-dom',
  'react-router',
  'react-router-dom',
];
/** The template's packages/app/src/App.tsx: its imports and features. */
const TEMPLATE_IMPORTS = [
  "import { createApp } from '@backstage/frontend-defaults';",
  "import catalogPlugin from '@backstage/plugin-catalog/alpha';",
];
const TEMPLATE_FEATURES = ['catalogPlugin'];
/** The template's packages/app/src/index.tsx. */
const TEMPLATE_INDEX = `import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(App.createRoot());
`;
/**
 * Install scripts not run: native builds nothing here uses (credential storage of the CLI,
 * SSH for Docker, the Node parsers of the API docs' Swagger UI; the browser bundle does
 * not load them) and Scarf's install analytics, which would call out to the internet.
 */
const UNBUILT = [
  'keytar',
  'ssh2',
  'cpu-features',
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  '@scarf/scarf',
];

/** The release's version ranges, as this repository's root, app and backend pin them. */
function backstageRanges(root: string): Record<string, string> {
  const read = (path: string) =>
    JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8'));
  return {
    ...read('.').devDependencies,
    ...read('packages/app').dependencies,
    ...read('packages/backend').dependencies,
  };
}

function rootResolutions(root: string): Record<string, string> {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    .resolutions;
}

/** packages/app/src/App.tsx: the template's, with the READMEs' imports and features. */
function appSource(frontend: FrontendSteps[]) {
  const imports = new Set([
    ...TEMPLATE_IMPORTS,
    ...frontend.flatMap(step => step.imports),
  ]);
  const features = new Set([
    ...TEMPLATE_FEATURES,
    ...frontend.flatMap(step => step.features),
  ]);
  return [
    ...imports,
    '',
    'export default createApp({',
    `  features: [${[...features].join(', ')}],`,
    '});',
    '',
  ].join('\n');
}

/**
 * Writes the app into `dir`: root, app and backend package.json (Forja's packages resolved
 * to their tarballs, as the registry would serve them), packages/app as the template with
 * the READMEs' App.tsx lines, packages/backend/src/index.ts with their backend.add lines,
 * the app's app-config.yaml (its backend on `baseUrl`, serving the app), and installs it
 * with Yarn offline from this machine's cache, this repository's lockfile as the starting
 * point (the same Backstage release).
 */
export function createApp(options: {
  root: string;
  dir: string;
  packed: PackedPackage[];
  steps: BackendSteps[];
  frontend: FrontendSteps[];
  baseUrl: string;
  yarnRelease: string;
}) {
  const { root, dir, packed, steps, frontend } = options;
  const ranges = backstageRanges(root);
  const app = join(dir, 'packages/app');
  const backend = join(dir, 'packages/backend');
  mkdirSync(join(app, 'src'), { recursive: true });
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
  const dependencies = (names: string[]) =>
    Object.fromEntries(
      [...new Set(names)].sort().map(name => [name, version(name)]),
    );
  const write = (path: string, content: unknown) =>
    writeFileSync(
      join(dir, path),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );

  write('package.json', {
    name: 'someone-elses-portal',
    private: true,
    workspaces: ['packages/*'],
    devDependencies: dependencies([
      '@backstage/cli',
      '@backstage/cli-defaults',
    ]),
    // The lockfile was resolved under this repository's resolutions (versions this
    // machine's cache holds); Forja's packages resolve to their tarballs.
    resolutions: { ...rootResolutions(root), ...tarballs },
    dependenciesMeta: Object.fromEntries(
      UNBUILT.map(name => [name, { built: false }]),
    ),
  });

  write('packages/app/package.json', {
    name: 'app',
    version: '0.0.0',
    private: true,
    bundled: true,
    backstage: { role: 'frontend' },
    scripts: { build: 'backstage-cli package build' },
    dependencies: dependencies([
      ...TEMPLATE_APP,
      ...frontend.flatMap(step => step.add),
    ]),
    browserslist: {
      production: ['>0.2%', 'not dead', 'not op_mini all'],
      development: ['last 1 chrome version'],
    },
  });
  // The template's public folder, which this repository's app keeps unchanged.
  cpSync(join(root, 'packages/app/public'), join(app, 'public'), {
    recursive: true,
  });
  write('packages/app/src/index.tsx', TEMPLATE_INDEX);
  write('packages/app/src/App.tsx', appSource(frontend));

  write('packages/backend/package.json', {
    name: 'backend',
    private: true,
    dependencies: {
      ...dependencies([
        '@backstage/backend-defaults',
        'better-sqlite3',
        ...BACKSTAGE_BACKEND,
        ...steps.flatMap(step => step.add),
      ]),
      // The frontend the app backend serves.
      app: 'link:../app',
    },
  });
  const lines = [
    ...BACKSTAGE_BACKEND.map(name => `backend.add(import('${name}'));`),
    ...steps.flatMap(step => step.lines),
  ];
  write(
    'packages/backend/src/index.ts',
    [
      "import { createBackend } from '@backstage/backend-defaults';",
      '',
      'const backend = createBackend();',
      ...new Set(lines),
      'backend.start();',
      '',
    ].join('\n'),
  );

  // The created app's configuration: the frontend served by its backend, every frontend
  // package of packages/app discovered (the template's `app.packages: all`).
  write('app-config.yaml', {
    app: {
      title: "Someone else's portal",
      baseUrl: options.baseUrl,
      packages: 'all',
    },
    backend: {
      baseUrl: options.baseUrl,
      listen: { port: Number(new URL(options.baseUrl).port) },
    },
  });

  copyFileSync(join(root, 'yarn.lock'), join(dir, 'yarn.lock'));
  write(
    '.yarnrc.yml',
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

/**
 * `backstage-cli package build` of packages/app (production, offline), its output in
 * `logFile`; throws with the log's end when it fails.
 */
export function buildFrontend(options: {
  root: string;
  dir: string;
  yarnRelease: string;
  logFile: string;
}) {
  const log = openSync(options.logFile, 'w');
  try {
    execFileSync(
      process.execPath,
      [join(options.root, options.yarnRelease), 'build'],
      {
        cwd: join(options.dir, 'packages/app'),
        stdio: ['ignore', log, log],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  } catch {
    throw new Error(
      `the frontend build failed (${options.logFile}): ${readFileSync(
        options.logFile,
        'utf8',
      ).slice(-3000)}`,
    );
  }
}
