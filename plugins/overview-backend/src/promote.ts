import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { entityEnvironments } from '@forja/plugin-cost-common';
import { PromoteResponse } from '@forja/plugin-overview-common';
import { Octokit } from '@octokit/rest';
import path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { KUSTOMIZE_DIR } from './overlays';

export const PROJECT_SLUG = 'github.com/project-slug';
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** What `.forja/service.json` of a generated service says (only what promotion reads). */
interface ServiceSettings {
  name: string;
  deployStrategy?: string;
}

interface Repository {
  host: string;
  owner: string;
  repo: string;
  /** The Kustomize folder inside the repository. */
  k8sDir: string;
}

/** The entity's GitHub repository and Kustomize folder, or why promotion cannot know them. */
export function repositoryOf(entity: Entity): Repository {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[PROJECT_SLUG];
  const [owner, repo] = slug?.split('/') ?? [];
  if (!owner || !repo)
    throw new InputError(`${entity.metadata.name} has no ${PROJECT_SLUG}`);
  const source = /^url:(https?:\/\/[^/]+)/.exec(
    annotations[ANNOTATION_SOURCE_LOCATION] ?? '',
  );
  const host = source ? new URL(source[1]).host : 'github.com';
  // The catalog file's folder inside the repository: …/blob/<branch>/<path>
  const location = /\/(?:blob|tree)\/[^/]+\/(.*)$/.exec(
    annotations[ANNOTATION_LOCATION] ?? '',
  );
  const base = location ? path.posix.dirname(location[1]) : '.';
  const dir = /^dir:(.+)$/.exec(annotations[KUSTOMIZE_DIR] ?? '')?.[1] ?? 'k8s';
  const k8sDir = path.posix.normalize(path.posix.join(base, dir));
  if (k8sDir.startsWith('..'))
    throw new InputError(`${KUSTOMIZE_DIR} leaves the repository`);
  return { host, owner, repo, k8sDir };
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

export function createPromoter(options: { integrations: ScmIntegrations }) {
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
    const { host, owner, repo, k8sDir } = repositoryOf(entity);
    const integration = options.integrations.github.byHost(host);
    if (!integration)
      throw new InputError(`no GitHub integration is configured for ${host}`);
    const { token } = await credentials.getCredentials({
      url: `https://${host}/${owner}/${repo}`,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
    });
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    const branchBase = repository.default_branch;
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
    const settingsText = await read('.forja/service.json');
    const settings: ServiceSettings = settingsText
      ? JSON.parse(settingsText)
      : {
          name:
            entity.metadata.annotations?.['backstage.io/kubernetes-id'] ??
            entity.metadata.name,
        };
    const overlay = (env: string) => `${k8sDir}/overlays/${env}`;
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
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: head[0].commit.tree.sha,
      tree: [
        {
          path: `${overlay(target)}/kustomization.yaml`,
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
