import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  InputError,
  NotModifiedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where an annotated folder lives: a local directory or a URL the UrlReader can read. */
export type SourceLocation =
  | { type: 'file'; dir: string }
  | { type: 'url'; url: string };

/** Whether `child` is `parent` or lies under it (both absolute). */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

/**
 * The checkout a catalog file's folder is in: its nearest ancestor holding a `.git` entry
 * (a folder, or a file for worktrees), else the folder itself.
 */
export function checkoutOf(catalogDir: string): string {
  for (let dir = catalogDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return catalogDir;
  }
}

const realpathOr = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
};

/**
 * What a URL location's folders may be under: for `/<owner>/<repo>/(blob|tree)/<ref>/...`
 * that repository and ref (blob or tree), otherwise the location's own folder.
 */
function repositoryPrefixes(location: URL): string[] {
  const match = /^\/([^/]+)\/([^/]+)\/(?:blob|tree)\/([^/]+)\//.exec(
    location.pathname,
  );
  if (match) {
    const [, owner, repo, ref] = match;
    return ['blob', 'tree'].map(kind => `/${owner}/${repo}/${kind}/${ref}/`);
  }
  return [location.pathname.replace(/[^/]*$/, '')];
}

function checkInsideRepository(value: string, resolved: URL, location: URL) {
  const prefixes = repositoryPrefixes(location);
  const pathname = resolved.pathname.endsWith('/')
    ? resolved.pathname
    : `${resolved.pathname}/`;
  if (
    resolved.origin !== location.origin ||
    !prefixes.some(prefix => pathname.startsWith(prefix))
  ) {
    throw new InputError(
      `${value} resolves to ${resolved}, outside the repository and ref ${location.origin}${prefixes[0]} the entity's catalog file is in`,
    );
  }
}

/**
 * The folder an annotation (`dir:<relative>` or `url:<folder>`) names, relative to the
 * location the entity was read from, and never outside what that location belongs to: for
 * a `file:` location, the checkout the catalog file is in (see checkoutOf; symlinks are
 * followed before the check); for a URL location, the same origin, repository and ref (or
 * the catalog file's folder when the URL does not name them). Anything else is an
 * InputError naming the value.
 */
export function resolveSource(entity: Entity, value: string): SourceLocation {
  const match = /^(dir|url):(.+)$/.exec(value.trim());
  if (!match) {
    throw new InputError(
      `"${value}" is not dir:<relative path> or url:<folder URL>`,
    );
  }
  const [, kind, target] = match;
  const location =
    entity.metadata.annotations?.[ANNOTATION_LOCATION] ??
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  if (!location) {
    if (kind === 'url') return { type: 'url', url: target };
    throw new InputError(
      `the entity has no ${ANNOTATION_LOCATION} to resolve ${value} against`,
    );
  }
  const { type, target: base } = parseLocationRef(location);
  if (type === 'file') {
    // Only the portal's configuration adds file: locations; a url: folder is theirs to name.
    if (kind === 'url') return { type: 'url', url: target };
    const catalogDir = path.resolve(path.dirname(base));
    const dir = path.resolve(catalogDir, target);
    const checkout = checkoutOf(catalogDir);
    const realDir = realpathOr(dir);
    const realCheckout = realpathOr(checkout) ?? checkout;
    if (
      !isInside(dir, checkout) ||
      (realDir !== undefined && !isInside(realDir, realCheckout))
    ) {
      throw new InputError(
        `${value} resolves to ${
          realDir ?? dir
        }, outside the checkout ${checkout} the entity's catalog file is in`,
      );
    }
    return { type: 'file', dir };
  }
  let locationUrl: URL;
  let resolved: URL;
  try {
    locationUrl = new URL(base);
    resolved = new URL(target, locationUrl);
  } catch {
    throw new InputError(`${value} is not a folder URL (from ${location})`);
  }
  checkInsideRepository(value, resolved, locationUrl);
  return { type: 'url', url: resolved.toString() };
}

export const sourceKey = (source: SourceLocation) =>
  source.type === 'file' ? `file:${source.dir}` : `url:${source.url}`;

/** A folder's content revision: relative paths, sizes and modification times, digested. */
async function directoryDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (current: string) => {
    const entries = await fs.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const stat = await fs.stat(full);
        hash.update(
          `${path.relative(dir, full)}\0${stat.size}\0${stat.mtimeMs}\n`,
        );
      }
    }
  };
  await walk(dir);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

export interface SourceSnapshot {
  dir: string;
  revision: string;
  /** Removes what was downloaded, if anything. */
  release(): Promise<void>;
}

/** A folder read from a URL (an archive download and its extraction) longer than this fails. */
export const READ_TREE_TIMEOUT_MS = 60_000;

/**
 * The folder's content on disk with its revision (an ETag for URLs, a digest for local
 * folders), or `undefined` when its revision is still `knownRevision`. A URL read has a
 * time limit (the reader is aborted and the read fails); what it downloaded is removed
 * when it fails.
 */
export async function readSource(
  source: SourceLocation,
  reader: UrlReaderService,
  knownRevision?: string,
  options: { timeoutMs?: number } = {},
): Promise<SourceSnapshot | undefined> {
  if (source.type === 'file') {
    const revision = await directoryDigest(source.dir);
    if (revision === knownRevision) return undefined;
    return { dir: source.dir, revision, release: async () => {} };
  }
  const timeoutMs = options.timeoutMs ?? READ_TREE_TIMEOUT_MS;
  const abort = new AbortController();
  let targetDir: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const read = async () => {
    const tree = await reader.readTree(source.url, {
      etag: knownRevision,
      signal: abort.signal,
    });
    targetDir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-source-'));
    const dir = await tree.dir({ targetDir });
    return { dir, revision: tree.etag };
  };
  const pending = read();
  try {
    const { dir, revision } = await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(
            new ServiceUnavailableError(
              `reading ${source.url} took longer than ${timeoutMs / 1000} s`,
            ),
          );
        }, timeoutMs);
      }),
    ]);
    return {
      dir,
      revision,
      release: () => fs.rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    const removeFolder = async () => {
      if (targetDir) await fs.rm(targetDir, { recursive: true, force: true });
    };
    // A read given up on may still make its folder: removed once that read settles.
    if (abort.signal.aborted)
      pending.then(removeFolder, removeFolder).catch(() => {});
    else await removeFolder().catch(() => {});
    if (error instanceof NotModifiedError) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** What is known of a source between reads: its revision and when it was last checked. */
export interface SourceCheck {
  revision?: string;
  checkedAt: number;
  checking?: Promise<void>;
}

/**
 * Reads `source` again when its last check is older than `revalidateMs` (concurrent
 * callers share one read); a new revision is handed to `onChange`, which owns the snapshot.
 */
export async function revalidateSource(
  check: SourceCheck,
  options: {
    source: SourceLocation;
    reader: UrlReaderService;
    revalidateMs: number;
    /** Defaults to READ_TREE_TIMEOUT_MS. */
    timeoutMs?: number;
    onChange: (snapshot: SourceSnapshot) => Promise<void>;
  },
): Promise<void> {
  if (Date.now() - check.checkedAt < options.revalidateMs) return;
  check.checking ??= (async () => {
    try {
      const snapshot = await readSource(
        options.source,
        options.reader,
        check.revision,
        { timeoutMs: options.timeoutMs },
      );
      if (snapshot) {
        await options.onChange(snapshot);
        check.revision = snapshot.revision;
      }
      check.checkedAt = Date.now();
    } finally {
      check.checking = undefined;
    }
  })();
  await check.checking;
}
