import {
  BackstageCredentials,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TerraformModuleSource } from '@forja/plugin-forja-node';
import {
  TemplateUpgradeResponse,
  TemplateUpgradeStatus,
} from '@forja/plugin-overview-common';
import {
  PROMOTE_MAX_RESPONSE_BYTES,
  PROMOTE_REQUEST_TIMEOUT_MS,
} from '../githubFetch';
import { repositoryOf } from '../promote';
import { openGithubRepository } from './githubRepository';
import { planUpgrade } from './planUpgrade';
import { loadTemplateSource } from './templateSource';
import { createUpgradePullRequest } from './upgradePullRequest';

/**
 * Template upgrades of an entity's repository: whether its template moved on and what
 * would change (`status`), and the pull request that makes the change (`open`). Only in
 * the repository the entity comes from (`repositoryOf`), registered from its default
 * branch, inside the entity's folder.
 */
export function createTemplateUpgrader(options: {
  integrations: ScmIntegrations;
  catalog: CatalogService;
  reader: UrlReaderService;
  moduleSource: TerraformModuleSource;
  /** @default PROMOTE_REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
  /** @default PROMOTE_MAX_RESPONSE_BYTES */
  maxResponseBytes?: number;
}) {
  const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(
    options.integrations,
  );

  async function prepare(entity: Entity, credentials: BackstageCredentials) {
    const { host, owner, repo, base, registeredFrom } = repositoryOf(entity);
    const repository = await openGithubRepository({
      integrations: options.integrations,
      credentials: githubCredentials,
      host,
      owner,
      repo,
      timeoutMs: options.requestTimeoutMs ?? PROMOTE_REQUEST_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? PROMOTE_MAX_RESPONSE_BYTES,
    });
    if (
      registeredFrom !== undefined &&
      registeredFrom !== repository.defaultBranch
    )
      throw new NotAllowedError(
        `${stringifyEntityRef(
          entity,
        )} was registered from ${registeredFrom} in ${owner}/${repo}; Forja upgrades only entities registered from its default branch ${
          repository.defaultBranch
        }`,
      );
    const plan = await planUpgrade({
      repository,
      folder: base,
      moduleSource: options.moduleSource,
      loadSource: render =>
        loadTemplateSource({
          entity,
          render,
          catalog: options.catalog,
          reader: options.reader,
          credentials,
        }),
    });
    const branch = `forja/upgrade-${
      plan.record.template
    }-${plan.next.digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    const { data: pulls } = await repository.octokit.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${branch}`,
    });
    return { repository, base, plan, branch, openPull: pulls[0] };
  }

  async function status(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<TemplateUpgradeStatus> {
    const { plan, openPull } = await prepare(entity, credentials);
    return {
      templateRef: plan.templateRef,
      template: plan.record.template,
      from: { version: plan.record.version, digest: plan.record.digest },
      to: plan.next,
      upgradeAvailable: plan.writes.length > 0,
      files: plan.files,
      conflicts: plan.conflicts,
      ...(openPull ? { pullRequestUrl: openPull.html_url } : {}),
    };
  }

  async function open(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<TemplateUpgradeResponse> {
    const prepared = await prepare(entity, credentials);
    const { plan, branch } = prepared;
    const result = {
      branch,
      from: plan.record.version,
      to: plan.next.version,
      conflicts: plan.conflicts,
    };
    if (prepared.openPull)
      return {
        ...result,
        pullRequestUrl: prepared.openPull.html_url,
        created: false,
      };
    if (!plan.writes.length)
      throw new NotAllowedError(
        `${stringifyEntityRef(entity)} is already on ${
          plan.templateRef
        } as it is now`,
      );
    const pullRequestUrl = await createUpgradePullRequest({
      repository: prepared.repository,
      folder: prepared.base,
      plan,
      branch,
    });
    return { ...result, pullRequestUrl, created: true };
  }

  /** Why an upgrade cannot be offered for the entity (no network), or undefined. */
  function upgradeBlocked(entity: Entity): string | undefined {
    try {
      const { host } = repositoryOf(entity);
      if (!options.integrations.github.byHost(host))
        return `no GitHub integration is configured for ${host}`;
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  return { status, open, upgradeBlocked };
}

export type TemplateUpgrader = ReturnType<typeof createTemplateUpgrader>;
