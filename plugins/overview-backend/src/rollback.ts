import { Entity } from '@backstage/catalog-model';
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
import { RollbackResponse } from '@forja/plugin-overview-common';
import { openOneFilePullRequest } from './githubClient';
import {
  PROMOTE_MAX_RESPONSE_BYTES,
  PROMOTE_REQUEST_TIMEOUT_MS,
} from './githubFetch';
import {
  IMAGE_TAG,
  overlayImage,
  placeholder,
  withImageTag,
} from './overlayImage';
import { openServiceRepository, ServiceRepository } from './serviceRepository';

/** A revision Argo CD's history names for a Git source: a full commit SHA (SHA-1 or SHA-256). */
export const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Refuses a revision that is not in the default branch's history: GitHub serves any
 * commit of a repository's network through it (a fork's pull request commits too), and
 * what an environment ran was merged there.
 */
async function assertOnDefaultBranch(
  repository: ServiceRepository,
  revision: string,
) {
  const { octokit, owner, repo, defaultBranch } = repository;
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${defaultBranch}...${revision}`,
      per_page: 1,
    });
    if (data.status === 'behind' || data.status === 'identical') return;
    throw new NotAllowedError(
      `${revision} is not in the history of ${owner}/${repo}'s ${defaultBranch}: Forja rolls back only to what was merged there`,
    );
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422)
      throw new NotFoundError(
        `${revision} is not a commit of ${owner}/${repo}`,
      );
    throw error;
  }
}

/**
 * Rollback the GitOps way: an environment set back to the image an earlier revision of
 * its overlay declared, as a pull request on the default branch (Argo CD's own rollback
 * is refused on auto-synced applications, and the next sync undoes it). The same rules
 * as promotion (openServiceRepository); the one file written is the environment
 * overlay's `kustomization.yaml`.
 */
export function createRollbacker(options: {
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

  /**
   * Opens `rollback/<environment>-<tag>`: the overlay's image (its idle colour, with
   * blue/green) set to the tag the overlay's active image had at `revision`. An open pull
   * request for that branch is returned as it is; an environment already at that tag is
   * a ConflictError.
   */
  async function rollback(
    entity: Entity,
    environment: string,
    revision: string,
  ): Promise<RollbackResponse> {
    const environments = entityEnvironments(entity);
    if (!environments.includes(environment))
      throw new InputError(
        environments.length
          ? `environment: ${environment} is not one of ${environments.join(
              ', ',
            )}`
          : `environment: ${entity.metadata.name} declares no environments (forja.dev/environments)`,
      );
    assertEnvironmentName(environment);
    if (!COMMIT_SHA.test(revision))
      throw new InputError(
        `revision: "${revision.slice(0, 80)}" is not a commit SHA`,
      );
    const repository = await openServiceRepository(entity, {
      integrations: options.integrations,
      credentials,
      timeoutMs,
      maxBytes,
      verb: 'rolls back',
    });
    const { owner, repo, settings, overlay, read } = repository;
    await assertOnDefaultBranch(repository, revision);
    const file = `${overlay(environment)}/kustomization.yaml`;
    const colours = `${overlay(environment)}/patch-active-color.yaml`;
    const [thenFile, thenColours, nowFile, nowColours] = await Promise.all([
      read(file, revision),
      read(colours, revision),
      read(file),
      read(colours),
    ]);
    if (!thenFile)
      throw new NotFoundError(
        `${owner}/${repo} had no ${file} at ${revision.slice(0, 12)}`,
      );
    if (!nowFile) throw new NotFoundError(`${owner}/${repo} has no ${file}`);
    const ran = overlayImage(
      thenFile,
      placeholder(settings, thenColours, 'active'),
    )?.newTag;
    const tag = ran === undefined || ran === null ? undefined : String(ran);
    if (!tag || !IMAGE_TAG.test(tag))
      throw new InputError(
        `${environment} declared no image tag for ${
          settings.name
        } at ${revision.slice(0, 12)}`,
      );
    const active = overlayImage(
      nowFile,
      placeholder(settings, nowColours, 'active'),
    );
    if (String(active?.newTag) === tag)
      throw new ConflictError(`${environment} already runs ${tag}`);
    const targetName = placeholder(settings, nowColours, 'idle');
    const moved = withImageTag(nowFile, targetName, tag);
    if (!moved)
      throw new InputError(
        `${environment} declares no image ${targetName} to roll back`,
      );
    if (String(moved.previousTag) === tag)
      throw new ConflictError(`${environment} already runs ${tag}`);

    const branch = `rollback/${environment}-${tag}`;
    const pull = await openOneFilePullRequest(repository.octokit, {
      owner,
      repo,
      base: repository.defaultBranch,
      branch,
      file,
      content: moved.document.toString(),
      message: `deploy: roll back ${environment} to ${tag}`,
      body: `Sets \`${environment}\` back to \`${tag}\`, the image it ran at ${revision}. Opened from Forja's Argo CD tab.`,
    });
    return { branch, environment, revision, tag, ...pull };
  }

  return { rollback };
}

export type Rollbacker = ReturnType<typeof createRollbacker>;
