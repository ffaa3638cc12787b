import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import path from 'node:path';
import { createGitHubClient, readFile } from './githubClient';
import { KUSTOMIZE_DIR } from './overlays';

export const PROJECT_SLUG = 'github.com/project-slug';
const SLUG = /^([A-Za-z0-9-]{1,100})\/([A-Za-z0-9._-]{1,100})$/;
const SERVICE_SETTINGS = '.forja/service.json';

/** What a write does, in the refusals: "Forja promotes only ...". */
export type WriteVerb = 'promotes' | 'rolls back';

/** What `.forja/service.json` of a generated service says (only what Forja's writes read). */
export interface ServiceSettings {
  name: string;
  deployStrategy?: string;
}

export interface Repository {
  host: string;
  owner: string;
  repo: string;
  /** The folder of the entity's catalog file inside the repository. */
  base: string;
  /** The Kustomize folder inside the repository (inside `base`). */
  k8sDir: string;
  /** The branch or commit the catalog read the entity from (URL locations). */
  registeredFrom?: string;
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** `https://<host>/<owner>/<repo>/(blob|tree)/<ref>/<path>` of a GitHub URL. */
function githubUrlParts(url: string) {
  try {
    const { host, pathname } = new URL(url);
    const [, owner, repo, kind, ref, ...rest] = pathname
      .split('/')
      .map(decodeURIComponent);
    if (!owner || !repo) return undefined;
    return { host, owner, repo, kind, ref, path: rest.join('/') };
  } catch {
    return undefined;
  }
}

/**
 * The entity's GitHub repository and Kustomize folder, once the entity is shown to come
 * from there: its `github.com/project-slug` names a repository, and the location the
 * catalog recorded for it (`backstage.io/managed-by-location`, which the catalog sets
 * and an entity's YAML cannot) is a file of that repository, or a `file:` location (the
 * catalog reads those only from the portal's configuration: users register URLs, and a
 * Location entity cannot change its type). `backstage.io/source-location`, when set,
 * names the same repository. No network: the checks the default branch and
 * `.forja/service.json` need are in `openServiceRepository`.
 */
export function repositoryOf(
  entity: Entity,
  verb: WriteVerb = 'promotes',
): Repository {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity);
  const slugValue = annotations[PROJECT_SLUG];
  if (!slugValue)
    throw new InputError(`${entity.metadata.name} has no ${PROJECT_SLUG}`);
  const slug = SLUG.exec(slugValue);
  if (!slug)
    throw new InputError(
      `${PROJECT_SLUG}: "${slugValue}" is not <owner>/<repository>`,
    );
  const [, owner, repo] = slug;
  const notFrom = (where: string) =>
    new NotAllowedError(
      `${entityRef} was registered from ${where}, not from ${owner}/${repo}: Forja ${verb} only in the repository an entity was registered from`,
    );

  const sourceLocation = annotations[ANNOTATION_SOURCE_LOCATION];
  const source = sourceLocation
    ? githubUrlParts(sourceLocation.replace(/^url:/, ''))
    : undefined;
  if (
    sourceLocation &&
    !(source && same(source.owner, owner) && same(source.repo, repo))
  ) {
    throw new NotAllowedError(
      `${entityRef}'s ${ANNOTATION_SOURCE_LOCATION} ${sourceLocation} is not ${owner}/${repo}`,
    );
  }

  const location = annotations[ANNOTATION_LOCATION];
  let host = source?.host ?? 'github.com';
  let base = '.';
  let registeredFrom: string | undefined;
  let type = '';
  let target = '';
  try {
    if (location) ({ type, target } = parseLocationRef(location));
  } catch {
    // Not a location ref: refused below like any other.
  }
  if (type === 'url') {
    const parts = githubUrlParts(target);
    if (
      !parts ||
      !['blob', 'tree'].includes(parts.kind) ||
      !parts.ref ||
      !same(parts.owner, owner) ||
      !same(parts.repo, repo) ||
      (source && !same(parts.host, source.host))
    ) {
      throw notFrom(location!);
    }
    host = parts.host;
    registeredFrom = parts.ref;
    // The catalog reads a file: a `tree` URL naming one (as Backstage's GitHub
    // integration resolves a catalog path) is that file's folder too.
    const isFile = parts.kind === 'blob' || /\.(ya?ml|json)$/.test(parts.path);
    base = path.posix.normalize(
      (isFile ? path.posix.dirname(parts.path) : parts.path || '.').replace(
        /\/+$/,
        '',
      ) || '.',
    );
  } else if (type !== 'file') {
    throw notFrom(location ?? 'nowhere the catalog recorded');
  }

  const dirValue = annotations[KUSTOMIZE_DIR];
  const dir = dirValue === undefined ? 'k8s' : /^dir:(.+)$/.exec(dirValue)?.[1];
  if (dir === undefined)
    throw new InputError(
      `${KUSTOMIZE_DIR}: promotion needs dir:<folder of the repository>, not ${dirValue}`,
    );
  const k8sDir = path.posix.normalize(path.posix.join(base, dir));
  const inside =
    base === '.'
      ? !k8sDir.startsWith('..') && !path.posix.isAbsolute(k8sDir)
      : k8sDir === base || k8sDir.startsWith(`${base}/`);
  if (!inside)
    throw new InputError(
      `${KUSTOMIZE_DIR}: ${dirValue} leaves ${
        base === '.' ? 'the repository' : base
      }`,
    );
  return { host, owner, repo, base, k8sDir, registeredFrom };
}

/** A service repository Forja may write to, opened: its client and what it says. */
export interface ServiceRepository {
  octokit: Octokit;
  owner: string;
  repo: string;
  defaultBranch: string;
  settings: ServiceSettings;
  /** The folder of an environment's overlay inside the repository. */
  overlay(env: string): string;
  /** A file's text at `ref` (default: the default branch); undefined when absent. */
  read(file: string, ref?: string): Promise<string | undefined>;
}

/** Whether a write to the entity's repository can be offered, or why not (no network). */
export function writeBlocked(
  integrations: ScmIntegrations,
  entity: Entity,
  verb: WriteVerb = 'promotes',
): string | undefined {
  try {
    const { host } = repositoryOf(entity, verb);
    if (!integrations.github.byHost(host))
      return `no GitHub integration is configured for ${host}`;
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Opens the entity's repository for a write, after every check that needs no write:
 * `repositoryOf` (before any request), a GitHub integration for its host, the entity
 * registered from the default branch, and `.forja/service.json` beside the catalog file
 * naming the entity's service (its `backstage.io/kubernetes-id`, else its name).
 */
export async function openServiceRepository(
  entity: Entity,
  options: {
    integrations: ScmIntegrations;
    credentials: DefaultGithubCredentialsProvider;
    timeoutMs: number;
    maxBytes: number;
    verb: WriteVerb;
  },
): Promise<ServiceRepository> {
  const { verb } = options;
  const { host, owner, repo, base, k8sDir, registeredFrom } = repositoryOf(
    entity,
    verb,
  );
  const integration = options.integrations.github.byHost(host);
  if (!integration)
    throw new InputError(`no GitHub integration is configured for ${host}`);
  const { token } = await options.credentials.getCredentials({
    url: `https://${host}/${owner}/${repo}`,
  });
  const octokit = createGitHubClient({
    host,
    apiBaseUrl: integration.config.apiBaseUrl,
    token,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
  });
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const defaultBranch = repository.default_branch;
  const entityRef = stringifyEntityRef(entity);
  if (registeredFrom !== undefined && registeredFrom !== defaultBranch) {
    throw new NotAllowedError(
      `${entityRef} was registered from ${registeredFrom} in ${owner}/${repo}; Forja ${verb} only entities registered from its default branch ${defaultBranch}`,
    );
  }
  const read = (file: string, ref: string = defaultBranch) =>
    readFile(octokit, { owner, repo, path: file, ref });
  const settingsFile = path.posix.join(base, SERVICE_SETTINGS);
  const settingsText = await read(settingsFile);
  if (settingsText === undefined)
    throw new NotAllowedError(
      `${owner}/${repo} has no ${settingsFile}: Forja ${verb} only the services it generated`,
    );
  let settings: ServiceSettings;
  try {
    settings = JSON.parse(settingsText);
  } catch {
    throw new InputError(`${owner}/${repo}'s ${settingsFile} is not JSON`);
  }
  const service =
    entity.metadata.annotations?.['backstage.io/kubernetes-id'] ??
    entity.metadata.name;
  if (settings?.name !== service)
    throw new NotAllowedError(
      `${owner}/${repo}'s ${settingsFile} is the service ${settings?.name}, not ${service}`,
    );
  return {
    octokit,
    owner,
    repo,
    defaultBranch,
    settings,
    overlay: env => path.posix.join(k8sDir, 'overlays', env),
    read,
  };
}
