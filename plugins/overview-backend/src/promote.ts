import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { entityEnvironments } from '@forja/plugin-cost-common';
import { assertEnvironmentName } from '@forja/plugin-forja-node';
import { PromoteResponse } from '@forja/plugin-overview-common';
import { Octokit } from '@octokit/rest';
import path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import {
  boundedFetch,
  PROMOTE_MAX_RESPONSE_BYTES,
  PROMOTE_REQUEST_TIMEOUT_MS,
  unwrapUnavailable,
} from './githubFetch';
import { KUSTOMIZE_DIR } from './overlays';

export const PROJECT_SLUG = 'github.com/project-slug';
const SLUG = /^([A-Za-z0-9-]{1,100})\/([A-Za-z0-9._-]{1,100})$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SERVICE_SETTINGS = '.forja/service.json';

/** What `.forja/service.json` of a generated service says (only what promotion reads). */
interface ServiceSettings {
  name: string;
  deployStrategy?: string;
}

interface Repository {
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
 * `.forja/service.json` need are in `promote`.
 */
export function repositoryOf(entity: Entity): Repository {
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
      `${entityRef} was registered from ${where}, not from ${owner}/${repo}: Forja promotes only in the repository an entity was registered from`,
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
    // The catalog file's folder; GitHub also serves a file under /tree/ (the catalog
    // can record a file location that way), so a .yaml path is a file either way.
    const isFile = parts.kind === 'blob' || /\.ya?ml$/.test(parts.path);
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

/** The placeholder image name an environment's tag is set on (the colour, with blue/green). */
function placeholder(
  settings: ServiceSettings,
  colourPatch: string | undefined,
  which: 'active' | 'idle',
): string {
  if (settings.deployStrategy !== 'blue-green' || !colourPatch)
    return settings.name;
  const services = parseAllDocuments(colourPatch).map(d => d.toJS());
  const service = services.find(
    s =>
      s?.metadata?.name ===
      (which === 'active' ? settings.name : `${settings.name}-preview`),
  );
  const colour = service?.spec?.selector?.['forja.dev/color'];
  return colour ? `${settings.name}-${colour}` : settings.name;
}

export function createPromoter(options: {
  integrations: ScmIntegrations;
  /** @default PROMOTE_REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
  /** @default PROMOTE_MAX_RESPONSE_BYTES */
  maxResponseBytes?: number;
}) {
  const timeoutMs = options.requestTimeoutMs ?? PROMOTE_REQUEST_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? PROMOTE_MAX_RESPONSE_BYTES;
  const credentials = DefaultGithubCredentialsProvider.fromIntegrations(
    options.integrations,
  );

  /** Whether promotion into `target` can be offered, or why not. */
  function promotionBlocked(entity: Entity): string | undefined {
    try {
      const { host } = repositoryOf(entity);
      if (!options.integrations.github.byHost(host))
        return `no GitHub integration is configured for ${host}`;
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /**
   * Opens the pull request moving `target` to the image tag of the environment before it:
   * the image-tag bump the service template's promote workflow makes, as one commit on
   * `promote/<target>-<tag>`. An open pull request for that branch is returned as it is.
   * Only in the repository the entity comes from (`repositoryOf`), registered from its
   * default branch, whose `.forja/service.json` beside the catalog file is the entity's
   * service; the one file written is the target overlay's `kustomization.yaml`.
   */
  async function promote(
    entity: Entity,
    target: string,
  ): Promise<PromoteResponse> {
    const environments = entityEnvironments(entity);
    const index = environments.indexOf(target);
    if (index === -1) {
      throw new InputError(
        environments.length
          ? `environment: ${target} is not one of ${environments.join(', ')}`
          : `environment: ${entity.metadata.name} declares no environments (forja.dev/environments)`,
      );
    }
    if (index === 0)
      throw new InputError(
        `environment: ${target} has no earlier environment to promote from`,
      );
    const from = environments[index - 1];
    // Both become folders (overlays/<env>): a name, never a path.
    assertEnvironmentName(from);
    assertEnvironmentName(target);
    const { host, owner, repo, base, k8sDir, registeredFrom } =
      repositoryOf(entity);
    const integration = options.integrations.github.byHost(host);
    if (!integration)
      throw new InputError(`no GitHub integration is configured for ${host}`);
    const { token } = await credentials.getCredentials({
      url: `https://${host}/${owner}/${repo}`,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      request: {
        fetch: boundedFetch({
          upstream: `GitHub (${host})`,
          timeoutMs,
          maxBytes,
        }),
      },
    });
    octokit.hook.wrap('request', async (request, requestOptions) => {
      try {
        return await request(requestOptions);
      } catch (error) {
        throw unwrapUnavailable(error);
      }
    });
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    const branchBase = repository.default_branch;
    const entityRef = stringifyEntityRef(entity);
    if (registeredFrom !== undefined && registeredFrom !== branchBase) {
      throw new NotAllowedError(
        `${entityRef} was registered from ${registeredFrom} in ${owner}/${repo}; Forja promotes only entities registered from its default branch ${branchBase}`,
      );
    }
    const read = async (file: string) => {
      try {
        const { data } = await octokit.rest.repos.getContent({
          owner,
          repo,
          path: file,
          ref: branchBase,
        });
        if (Array.isArray(data) || data.type !== 'file')
          throw new InputError(`${file} is not a file`);
        return Buffer.from(
          (data as { content: string }).content,
          'base64',
        ).toString('utf8');
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    };
    const settingsFile = path.posix.join(base, SERVICE_SETTINGS);
    const settingsText = await read(settingsFile);
    if (settingsText === undefined)
      throw new NotAllowedError(
        `${owner}/${repo} has no ${settingsFile}: Forja promotes only the services it generated`,
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
    const overlay = (env: string) => path.posix.join(k8sDir, 'overlays', env);
    const [sourceKustomization, sourceColours, targetFile, targetColours] =
      await Promise.all([
        read(`${overlay(from)}/kustomization.yaml`),
        read(`${overlay(from)}/patch-active-color.yaml`),
        read(`${overlay(target)}/kustomization.yaml`),
        read(`${overlay(target)}/patch-active-color.yaml`),
      ]);
    if (!sourceKustomization || !targetFile)
      throw new NotFoundError(
        `${owner}/${repo} has no ${overlay(
          sourceKustomization ? target : from,
        )}/kustomization.yaml`,
      );
    const sourceImage = (
      (parseDocument(sourceKustomization).toJS()?.images ?? []) as Array<{
        name: string;
        newName?: string;
        newTag?: string;
      }>
    ).find(i => i.name === placeholder(settings, sourceColours, 'active'));
    const tag = sourceImage?.newTag;
    if (!tag || !TAG.test(tag))
      throw new InputError(
        `${from} declares no image tag for ${settings.name}`,
      );

    const document = parseDocument(targetFile);
    const targetName = placeholder(settings, targetColours, 'idle');
    const images = document.get('images') as
      | {
          items: Array<{
            get(k: string): unknown;
            set(k: string, v: unknown): void;
          }>;
        }
      | undefined;
    const entry = images?.items.find(i => i.get('name') === targetName);
    if (!entry)
      throw new InputError(`${target} declares no image ${targetName} to move`);
    if (entry.get('newTag') === tag)
      throw new ConflictError(`${target} already runs ${tag}`);
    entry.set('newTag', tag);
    if (sourceImage?.newName) entry.set('newName', sourceImage.newName);

    const branch = `promote/${target}-${tag}`;
    const { data: open } = await octokit.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${branch}`,
    });
    const result = { branch, from, to: target, tag };
    if (open.length)
      return { ...result, pullRequestUrl: open[0].html_url, created: false };

    const { data: head } = await octokit.rest.repos.listCommits({
      owner,
      repo,
      sha: branchBase,
      per_page: 1,
    });
    // The one file written: the target overlay's, inside the entity's folder.
    const written = `${overlay(target)}/kustomization.yaml`;
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: head[0].commit.tree.sha,
      tree: [
        {
          path: written,
          mode: '100644',
          type: 'blob',
          content: document.toString(),
        },
      ],
    });
    const message = `deploy: promote ${tag} from ${from} to ${target}`;
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo,
      message,
      tree: tree.sha,
      parents: [head[0].sha],
    });
    await octokit.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha: commit.sha,
    });
    const { data: pull } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: branch,
      base: branchBase,
      title: message,
      body: `Moves \`${target}\` to \`${tag}\`, the image \`${from}\` runs. Opened from Forja's Environments card.`,
    });
    return { ...result, pullRequestUrl: pull.html_url, created: true };
  }

  return { promote, promotionBlocked };
}

export type Promoter = ReturnType<typeof createPromoter>;
