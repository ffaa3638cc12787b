import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { entityEnvironments } from '@forja/plugin-cost-common';
import { assertEnvironmentName } from '@forja/plugin-forja-node';
import { PromoteResponse } from '@forja/plugin-overview-common';
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
import { openServiceRepository, writeBlocked } from './serviceRepository';

export { PROJECT_SLUG, repositoryOf } from './serviceRepository';

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
    return writeBlocked(options.integrations, entity);
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
    const repository = await openServiceRepository(entity, {
      integrations: options.integrations,
      credentials,
      timeoutMs,
      maxBytes,
      verb: 'promotes',
    });
    const { owner, repo, settings, overlay, read } = repository;
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
    const sourceImage = overlayImage(
      sourceKustomization,
      placeholder(settings, sourceColours, 'active'),
    );
    const tag = sourceImage?.newTag;
    if (!tag || !IMAGE_TAG.test(tag))
      throw new InputError(
        `${from} declares no image tag for ${settings.name}`,
      );

    const targetName = placeholder(settings, targetColours, 'idle');
    const moved = withImageTag(
      targetFile,
      targetName,
      tag,
      sourceImage.newName,
    );
    if (!moved)
      throw new InputError(`${target} declares no image ${targetName} to move`);
    if (moved.previousTag === tag)
      throw new ConflictError(`${target} already runs ${tag}`);

    const branch = `promote/${target}-${tag}`;
    const message = `deploy: promote ${tag} from ${from} to ${target}`;
    const result = { branch, from, to: target, tag };
    // The one file written: the target overlay's, inside the entity's folder.
    const pull = await openOneFilePullRequest(repository.octokit, {
      owner,
      repo,
      base: repository.defaultBranch,
      branch,
      file: `${overlay(target)}/kustomization.yaml`,
      content: moved.document.toString(),
      message,
      body: `Moves \`${target}\` to \`${tag}\`, the image \`${from}\` runs. Opened from Forja's Environments card.`,
    });
    return { ...result, ...pull };
  }

  return { promote, promotionBlocked };
}

export type Promoter = ReturnType<typeof createPromoter>;
