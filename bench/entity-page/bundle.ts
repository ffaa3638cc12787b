// The production build of packages/app, and what of it is Forja's: two builds in one run,
// one with Forja's frontend plugins and one without, and the build's module-to-chunk map.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip (zlib's default level, as web servers compress) size of each file in `files`. */
export function gzipSizes(dir: string, files: string[]) {
  return new Map(
    files.map(file => [
      file,
      gzipSync(readFileSync(join(dir, file))).byteLength,
    ]),
  );
}

/** The JavaScript of one build: every chunk's gzip size, and the ones index.html loads. */
export interface BuildSizes {
  /** gzip bytes by file, `static/…js`. */
  files: Record<string, number>;
  total: number;
  /** The chunks index.html loads on every page (its script tags). */
  initial: string[];
  initialTotal: number;
}

export function measureBuild(dist: string): BuildSizes {
  const js = readdirSync(join(dist, 'static'))
    .filter(f => f.endsWith('.js'))
    .map(f => `static/${f}`);
  const sizes = gzipSizes(dist, js);
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map(
    m => m[1],
  );
  const sum = (names: string[]) =>
    names.reduce((s, n) => s + (sizes.get(n) ?? 0), 0);
  return {
    files: Object.fromEntries(sizes),
    total: sum(js),
    initial,
    initialTotal: sum(initial),
  };
}

/** The app's frontend plugins that are Forja's, from its package.json. */
export function forjaPlugins(root: string): string[] {
  const pkg = JSON.parse(
    readFileSync(join(root, 'packages/app/package.json'), 'utf8'),
  );
  return Object.keys(pkg.dependencies).filter(d =>
    d.startsWith('@forja/plugin-'),
  );
}

/** `backstage-cli package build` of packages/app on app-config.yaml and `configFiles`. */
export function buildApp(root: string, configFiles: string[], logFile: string) {
  const args = ['workspace', '@forja/app', 'build'];
  for (const file of [join(root, 'app-config.yaml'), ...configFiles])
    args.push('--config', file);
  const log = openSync(logFile, 'w');
  const build = spawnSync('yarn', args, {
    cwd: root,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (build.status !== 0)
    throw new Error(`the app build failed; see ${logFile}`);
  return join(root, 'packages/app/dist');
}

/** A module of Forja's frontend code: its plugins' sources (plugins/<name>/src/…). */
const FORJA_MODULE = /(^|[\\/])plugins[\\/][^\\/]+[\\/]src[\\/]/;
/** A Forja module that is a React component or hook, what a card loader must load lazily. */
const FORJA_COMPONENT =
  /(^|[\\/])plugins[\\/][^\\/]+[\\/]src[\\/]components[\\/]/;

export interface ChunkMap {
  /** For each chunk file, the Forja modules in it (their source's length). */
  forjaModules: Record<string, { name: string; size: number }[]>;
}

/**
 * Which of Forja's modules each chunk file of `dist` holds, from the build's source maps
 * (rspack's `--stats` would say the same, but the CLI's stats writer stalls at times).
 */
export function readChunkMap(dist: string): ChunkMap {
  const forjaModules: ChunkMap['forjaModules'] = {};
  for (const map of readdirSync(join(dist, 'static')).filter(f =>
    f.endsWith('.js.map'),
  )) {
    const { sources, sourcesContent } = JSON.parse(
      readFileSync(join(dist, 'static', map), 'utf8'),
    ) as { sources: string[]; sourcesContent?: string[] };
    const modules = sources.flatMap((source, i) =>
      FORJA_MODULE.test(source)
        ? [
            {
              name: source.replace(/^webpack:\/\/[^/]+\/[^/]+\/(\.\.\/)*/, ''),
              size: sourcesContent?.[i]?.length ?? 0,
            },
          ]
        : [],
    );
    if (modules.length)
      forjaModules[`static/${map.replace(/\.map$/, '')}`] = modules;
  }
  return { forjaModules };
}

/** Forja's modules among `loaded` chunk files, and which of them are components. */
export function forjaIn(map: ChunkMap, loaded: string[]) {
  const modules = loaded.flatMap(file => map.forjaModules[file] ?? []);
  return {
    modules,
    components: modules.filter(m => FORJA_COMPONENT.test(m.name)),
    /** The loaded chunk files that hold Forja modules. */
    chunks: loaded.filter(file => map.forjaModules[file]),
  };
}
