import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { Knex } from 'knex';
import {
  boundedFetch,
  PROMOTE_MAX_RESPONSE_BYTES,
  PROMOTE_REQUEST_TIMEOUT_MS,
  unwrapUnavailable,
} from '../githubFetch';
import { millis } from './database';

/** A pull request Forja opened for an entity. */
export interface TrackedPullRequest {
  id: number;
  entityRef: string;
  kind: 'promotion' | 'rollback';
  host: string;
  owner: string;
  repo: string;
  number: number;
  url: string;
  title: string;
  openedAt: number;
}

const TABLE = 'overview_pull_requests';

/** `https://<host>/<owner>/<repo>/pull/<number>`, the `html_url` GitHub answers. */
export function pullRequestOf(
  url: string,
): Pick<TrackedPullRequest, 'host' | 'owner' | 'repo' | 'number'> | undefined {
  try {
    const { host, pathname } = new URL(url);
    const match = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)$/.exec(pathname);
    if (!match) return undefined;
    return {
      host,
      owner: decodeURIComponent(match[1]),
      repo: decodeURIComponent(match[2]),
      number: Number(match[3]),
    };
  } catch {
    return undefined;
  }
}

/** The pull requests Forja opened and watches until they are merged or closed. */
export function createPullRequestStore(knex: Knex) {
  return {
    /** Records a pull request; false when it was already recorded. */
    async record(
      pull: Omit<TrackedPullRequest, 'id' | 'openedAt'>,
      now: number,
    ): Promise<boolean> {
      const inserted = await knex(TABLE)
        .insert({
          entity_ref: pull.entityRef,
          kind: pull.kind,
          host: pull.host,
          owner: pull.owner,
          repo: pull.repo,
          number: pull.number,
          url: pull.url,
          title: pull.title,
          opened_at: now,
          checked_at: now,
        })
        .onConflict(['host', 'owner', 'repo', 'number'])
        .ignore()
        .returning('id');
      return inserted.length === 1;
    },

    /** Open pull requests, the longest unchecked first. */
    async open(limit: number): Promise<TrackedPullRequest[]> {
      const rows = await knex(TABLE)
        .whereNull('closed_at')
        .orderBy('checked_at')
        .limit(limit);
      return rows.map(row => ({
        id: Number(row.id),
        entityRef: row.entity_ref,
        kind: row.kind,
        host: row.host,
        owner: row.owner,
        repo: row.repo,
        number: Number(row.number),
        url: row.url,
        title: row.title,
        openedAt: millis(row.opened_at)!,
      }));
    },

    async checked(id: number, now: number) {
      await knex(TABLE).where({ id }).update({ checked_at: now });
    },

    /** Settles a pull request; true for the one caller that settled it (and may notify). */
    async settle(id: number, now: number, merged: boolean): Promise<boolean> {
      const count = await knex(TABLE)
        .where({ id })
        .whereNull('closed_at')
        .update({
          closed_at: now,
          checked_at: now,
          merged_at: merged ? now : null,
        });
      return count === 1;
    },

    /** Removes pull requests settled before `before`, and gives up on those opened before it. */
    async prune(before: number): Promise<number> {
      return knex(TABLE)
        .where('closed_at', '<', before)
        .orWhere('opened_at', '<', before)
        .delete();
    },
  };
}

export type PullRequestStore = ReturnType<typeof createPullRequestStore>;

/** A pull request's state on GitHub: `GET /repos/{owner}/{repo}/pulls/{pull_number}`. */
export type PullRequestReader = (
  pull: Pick<TrackedPullRequest, 'host' | 'owner' | 'repo' | 'number'>,
) => Promise<{ state: 'open' | 'closed'; mergedAt: string | null }>;

/** Reads pull requests through the GitHub integration of their host (configured hosts only). */
export function createPullRequestReader(options: {
  integrations: ScmIntegrations;
  timeoutMs?: number;
}): PullRequestReader {
  const { integrations } = options;
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async ({ host, owner, repo, number }) => {
    const integration = integrations.github.byHost(host);
    if (!integration)
      throw new Error(`no GitHub integration is configured for ${host}`);
    const { token } = await credentials.getCredentials({
      url: `https://${host}/${owner}/${repo}`,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      request: {
        fetch: boundedFetch({
          upstream: `GitHub (${host})`,
          timeoutMs: options.timeoutMs ?? PROMOTE_REQUEST_TIMEOUT_MS,
          maxBytes: PROMOTE_MAX_RESPONSE_BYTES,
        }),
      },
    });
    try {
      const { data } = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: number,
      });
      return {
        state: data.state === 'closed' ? 'closed' : 'open',
        mergedAt: data.merged_at,
      };
    } catch (error) {
      throw unwrapUnavailable(error);
    }
  };
}
