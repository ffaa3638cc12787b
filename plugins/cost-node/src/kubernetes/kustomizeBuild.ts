import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { isInside } from '../paths';
import { KubectlResult, runKubectl } from './kustomizeRunner';

/** A build that takes longer is killed (SIGKILL). */
export const KUSTOMIZE_TIMEOUT_MS = 30_000;
/** A build printing more is stopped and fails. */
export const KUSTOMIZE_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** A kustomization (or a generator or transformer configuration) larger than this is refused. */
export const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;
/** The kustomization files one build may visit. */
export const MAX_KUSTOMIZATIONS = 200;

export interface KustomizeBuildOptions {
  /** Nothing the build reads may lie outside this folder (symlinks are followed). */
  root: string;
  /** @default KUSTOMIZE_TIMEOUT_MS */
  timeoutMs?: number;
  /** @default KUSTOMIZE_MAX_OUTPUT_BYTES */
  maxOutputBytes?: number;
}

/** A kustomization Forja does not build, or a build that failed; the message says why. */
export class KustomizeBuildError extends Error {
  name = 'KustomizeBuildError';
}

const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** Fields that make kustomize run helm, which downloads charts. */
const HELM_FIELDS = [
  'helmCharts',
  'helmChartInflationGenerator',
  'helmGlobals',
];

/** Entries kustomize would fetch when they are not found locally. */
const looksRemote = (entry: string) =>
  /:\/\/|^git@|github\.com\/|\?ref=|\/\//.test(entry);

/** An inline YAML entry (a patch or a plugin configuration) rather than a path. */
const isInline = (entry: string) =>
  entry.includes('\n') || /^\s*[{[]/.test(entry);

const round = (n: number) => Math.round(n * 100) / 100;
const MiB = (bytes: number) => {
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
};

type Json = Record<string, unknown>;

interface Walk {
  root: string;
  visited: Set<string>;
  /** Every file the build reads: kustomizations and the files they name. */
  files: Set<string>;
}

/** The file's path for messages: relative to the root, with `/`. */
const shown = (walk: Walk, file: string) =>
  path.relative(walk.root, file).split(path.sep).join('/') || '.';

async function readBounded(file: string, what: string): Promise<string> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_KUSTOMIZATION_BYTES) {
    throw new KustomizeBuildError(
      `${what} is ${MiB(stat.size)}, more than the ${MiB(
        MAX_KUSTOMIZATION_BYTES,
      )} Forja reads`,
    );
  }
  return fs.readFile(file, 'utf8');
}

/** The paths a plugin configuration (generator, transformer, validator) reads. */
function configurationPaths(doc: Json): Array<[string, unknown]> {
  const paths: Array<[string, unknown]> = [];
  if (typeof doc.path === 'string') paths.push(['path', doc.path]);
  if (typeof doc.env === 'string') paths.push(['env', doc.env]);
  for (const field of ['files', 'envs']) {
    for (const value of Array.isArray(doc[field]) ? doc[field] : []) {
      paths.push([field, value]);
    }
  }
  for (const replacement of Array.isArray(doc.replacements)
    ? doc.replacements
    : []) {
    if (replacement && typeof replacement === 'object' && 'path' in replacement)
      paths.push(['replacements.path', (replacement as Json).path]);
  }
  return paths;
}

/** The path of a generator's `files` entry: `path` or `key=path`. */
const fileOfEntry = (field: string, entry: string) =>
  field.endsWith('files') && entry.includes('=')
    ? entry.slice(entry.indexOf('=') + 1)
    : entry;

/**
 * Checks one path a kustomization names: it exists locally and, with symlinks followed, lies
 * inside the root; a directory is walked as a kustomization; a plugin configuration file
 * has its own paths checked.
 */
async function checkEntry(
  walk: Walk,
  file: string,
  field: string,
  entry: unknown,
  options: { configuration?: boolean } = {},
): Promise<void> {
  const where = shown(walk, file);
  if (typeof entry !== 'string' || !entry.trim()) {
    throw new KustomizeBuildError(
      `${where}: ${field} entry ${JSON.stringify(entry)} is not a path`,
    );
  }
  const target = path.resolve(path.dirname(file), fileOfEntry(field, entry));
  let real: string;
  try {
    real = await fs.realpath(target);
  } catch {
    throw new KustomizeBuildError(
      looksRemote(entry)
        ? `${where}: ${field} entry "${entry}" is remote; Forja builds only what the folder holds`
        : `${where}: ${field} entry "${entry}" does not exist in the folder; Forja builds only what the folder holds`,
    );
  }
  if (!isInside(real, walk.root)) {
    throw new KustomizeBuildError(
      `${where}: ${field} entry "${entry}" is outside the folder`,
    );
  }
  const stat = await fs.stat(real);
  if (!stat.isDirectory()) walk.files.add(real);
  if (stat.isDirectory()) {
    await checkKustomization(walk, real);
  } else if (options.configuration) {
    // The paths a configuration names are relative to the kustomization, as kustomize reads them.
    const text = await readBounded(real, `${where}: ${field} entry "${entry}"`);
    await checkConfigurations(walk, file, `${field} "${entry}"`, text);
  }
}

/** Plugin configurations (inline or in a file): no helm, and their paths checked. */
async function checkConfigurations(
  walk: Walk,
  file: string,
  field: string,
  text: string,
) {
  for (const document of parseAllDocuments(text)) {
    if (!('toJS' in document)) continue;
    const doc = document.toJS({ maxAliasCount: 100 }) as unknown;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const kind = (doc as Json).kind;
    if (typeof kind === 'string' && /^helm/i.test(kind)) {
      throw new KustomizeBuildError(
        `${shown(
          walk,
          file,
        )}: ${field} declares ${kind}; Forja does not run Helm, which downloads charts`,
      );
    }
    for (const [name, value] of configurationPaths(doc as Json)) {
      await checkEntry(walk, file, `${field} ${name}`, value);
    }
  }
}

/** Every path a kustomization in `dir` names, checked before anything runs. */
async function checkKustomization(walk: Walk, dir: string): Promise<void> {
  const realDir = await fs.realpath(dir);
  if (walk.visited.has(realDir)) return; // a cycle, or a base shared by two overlays
  walk.visited.add(realDir);
  if (walk.visited.size > MAX_KUSTOMIZATIONS) {
    throw new KustomizeBuildError(
      `${shown(
        walk,
        realDir,
      )}: more than ${MAX_KUSTOMIZATIONS} kustomizations in one build`,
    );
  }
  const names = new Set(await fs.readdir(realDir));
  for (const name of KUSTOMIZATION_FILES.filter(n => names.has(n))) {
    const file = path.join(realDir, name);
    const where = shown(walk, file);
    const realFile = await fs.realpath(file);
    if (!isInside(realFile, walk.root)) {
      throw new KustomizeBuildError(`${where} is outside the folder`);
    }
    walk.files.add(realFile);
    let kustomization: unknown;
    try {
      kustomization = parse(await readBounded(realFile, where), {
        maxAliasCount: 100,
      });
    } catch (error) {
      if (error instanceof KustomizeBuildError) throw error;
      throw new KustomizeBuildError(
        `${where} is not YAML: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (kustomization === null || kustomization === undefined) continue;
    if (typeof kustomization !== 'object' || Array.isArray(kustomization)) {
      throw new KustomizeBuildError(`${where} is not a kustomization`);
    }
    await checkFields(walk, file, kustomization as Json);
  }
}

const list = (value: unknown): unknown[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
};

async function checkFields(walk: Walk, file: string, k: Json) {
  const where = shown(walk, file);
  for (const field of HELM_FIELDS) {
    if (k[field] !== undefined) {
      throw new KustomizeBuildError(
        `${where}: ${field} is refused; Forja does not run Helm, which downloads charts`,
      );
    }
  }
  for (const field of ['resources', 'bases', 'components', 'crds']) {
    for (const entry of list(k[field]))
      await checkEntry(walk, file, field, entry);
  }
  for (const field of ['configurations']) {
    for (const entry of list(k[field]))
      await checkEntry(walk, file, field, entry);
  }
  for (const field of ['generators', 'transformers', 'validators']) {
    for (const entry of list(k[field])) {
      if (typeof entry === 'string' && isInline(entry)) {
        await checkConfigurations(walk, file, field, entry);
      } else {
        await checkEntry(walk, file, field, entry, { configuration: true });
      }
    }
  }
  for (const entry of list(k.patchesStrategicMerge)) {
    if (typeof entry === 'string' && isInline(entry)) continue;
    await checkEntry(walk, file, 'patchesStrategicMerge', entry);
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const item of list(k[field])) {
      if (item && typeof item === 'object' && 'path' in item) {
        await checkEntry(walk, file, `${field} path`, (item as Json).path);
      }
    }
  }
  const openapi = k.openapi as Json | undefined;
  if (openapi && typeof openapi === 'object' && 'path' in openapi) {
    await checkEntry(walk, file, 'openapi path', openapi.path);
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of list(k[field])) {
      if (!generator || typeof generator !== 'object') continue;
      const g = generator as Json;
      for (const entry of list(g.files))
        await checkEntry(walk, file, `${field} files`, entry);
      for (const entry of list(g.envs))
        await checkEntry(walk, file, `${field} envs`, entry);
      if (g.env !== undefined)
        await checkEntry(walk, file, `${field} env`, g.env);
    }
  }
}

/**
 * Checks what `kubectl kustomize <dir>` would read, without running it: every path of every
 * kustomization reached from `dir` exists locally inside `root` (symlinks followed), nothing
 * is remote (kustomize fetches what it cannot find locally), no Helm. Throws a
 * KustomizeBuildError naming the kustomization file and the entry.
 */
export async function checkKustomizeTree(
  dir: string,
  root: string,
): Promise<Set<string>> {
  const walk: Walk = {
    root: await fs.realpath(root),
    visited: new Set(),
    files: new Set(),
  };
  let realDir: string;
  try {
    realDir = await fs.realpath(dir);
  } catch {
    const relative = path.relative(path.resolve(root), path.resolve(dir));
    throw new KustomizeBuildError(
      `${
        relative && !relative.startsWith('..') ? relative : dir
      } does not exist in the folder`,
    );
  }
  if (!isInside(realDir, walk.root)) {
    throw new KustomizeBuildError(`${dir} is outside the folder ${root}`);
  }
  await checkKustomization(walk, realDir);
  return walk.files;
}

/**
 * Builds already made, by what they read (every file's path and bytes): validating a
 * service and checking its deployability build the same overlays. Bounded.
 */
const builds = new Map<string, string>();
const MAX_CACHED_BUILDS = 64;

async function buildKey(dir: string, files: Set<string>): Promise<string> {
  const hash = createHash('sha256').update(await fs.realpath(dir));
  for (const file of [...files].sort()) {
    hash.update(`\0${file}\0`).update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

/**
 * `kubectl kustomize <dir>`, for folders nobody vouches for: the kustomization graph is
 * checked first (checkKustomizeTree: only local files inside `root`), then the build runs
 * with a time limit, a bounded output, and an environment with no way out (an empty HOME,
 * every proxy a closed local port, git refusing every protocol).
 */
export async function kustomizeBuild(
  dir: string,
  options: KustomizeBuildOptions,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? KUSTOMIZE_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? KUSTOMIZE_MAX_OUTPUT_BYTES;
  const files = await checkKustomizeTree(dir, options.root);
  const key = await buildKey(dir, files);
  const built = builds.get(key);
  if (built !== undefined) return built;
  const output = await runKustomize(dir, timeoutMs, maxOutputBytes);
  if (builds.size >= MAX_CACHED_BUILDS)
    builds.delete(builds.keys().next().value!);
  builds.set(key, output);
  return output;
}

async function runKustomize(
  dir: string,
  timeoutMs: number,
  maxOutputBytes: number,
): Promise<string> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-kustomize-'));
  const closed = 'http://127.0.0.1:9';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
    no_proxy: '',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'protocol.allow',
    GIT_CONFIG_VALUE_0: 'never',
    GIT_TERMINAL_PROMPT: '0',
  };
  try {
    let result: KubectlResult;
    try {
      result = await runKubectl({
        // Absolute: kubectl runs in the empty HOME.
        args: ['kustomize', path.resolve(dir)],
        cwd: home,
        env,
        timeoutMs,
        maxBuffer: maxOutputBytes,
      });
    } catch (error) {
      throw new KustomizeBuildError(
        `kubectl kustomize failed: ${(error as Error).message}`,
      );
    }
    const { stdout, stderr, error: failure } = result;
    if (!failure) return stdout;
    if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
      throw new KustomizeBuildError(
        `kubectl kustomize printed more than ${MiB(maxOutputBytes)}; stopped`,
      );
    }
    if (failure.killed || failure.signal === 'SIGKILL') {
      throw new KustomizeBuildError(
        `kubectl kustomize took longer than ${timeoutMs / 1000} s; stopped`,
      );
    }
    const line = String(stderr || failure.message)
      .split('\n')
      .find(l => l.trim());
    throw new KustomizeBuildError(
      `kubectl kustomize failed: ${line ?? failure.message}`,
    );
  } finally {
    await fs.rm(home, { recursive: true, force: true }).catch(() => {});
  }
}
