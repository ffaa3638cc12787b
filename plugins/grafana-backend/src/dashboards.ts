import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { SwrCache } from '@forja/plugin-forja-node';
import {
  GRAFANA_ANNOTATION_DASHBOARD_SELECTOR,
  GRAFANA_ANNOTATION_TAG_SELECTOR,
  GrafanaDashboard,
} from '@forja/plugin-grafana-common';
import { GrafanaClient, SearchHit } from './client';
import { dashboardMatcher, SelectorError } from './selector';

export type DashboardMatch = ReturnType<typeof dashboardMatcher>;

/**
 * The entity's dashboard matcher from `grafana/dashboard-selector` or `grafana/tag`; a
 * selector that does not parse is an InputError naming the annotation.
 */
export function entityDashboardMatcher(entity: Entity): DashboardMatch {
  const annotations = entity.metadata.annotations ?? {};
  try {
    return dashboardMatcher({
      selector: annotations[GRAFANA_ANNOTATION_DASHBOARD_SELECTOR]?.trim(),
      tag: annotations[GRAFANA_ANNOTATION_TAG_SELECTOR]?.trim(),
    });
  } catch (error) {
    if (!(error instanceof SelectorError)) throw error;
    throw new InputError(
      `annotation ${GRAFANA_ANNOTATION_DASHBOARD_SELECTOR}: ${error.message}`,
    );
  }
}

/**
 * The search hits the matcher accepts, linked on the host's `domain`. A selector that fails
 * on a hit (a type error) is an InputError naming the annotation.
 */
export function matchDashboards(
  hits: SearchHit[],
  matches: DashboardMatch,
  domain: string,
): GrafanaDashboard[] {
  let evaluationError: string | undefined;
  const dashboards: GrafanaDashboard[] = hits
    .filter(hit => {
      try {
        return matches({
          title: hit.title,
          tags: hit.tags ?? [],
          url: hit.url,
          folderTitle: hit.folderTitle ?? '',
        });
      } catch (error) {
        evaluationError = (error as Error).message;
        return false;
      }
    })
    .map(hit => ({
      uid: hit.uid,
      title: hit.title,
      url: `${domain}${hit.url}`,
      folderTitle: hit.folderTitle,
      tags: hit.tags ?? [],
    }));
  if (evaluationError) {
    throw new InputError(
      `annotation ${GRAFANA_ANNOTATION_DASHBOARD_SELECTOR}: ${evaluationError}`,
    );
  }
  return dashboards;
}

/** The host's dashboards that match, from its whole search (one cached read per host). */
export async function readDashboards(
  client: GrafanaClient,
  cache: SwrCache,
  matches: DashboardMatch,
): Promise<{
  dashboards: GrafanaDashboard[];
  searched: number;
  fetchedAt: string;
}> {
  const { value, fetchedAt } = await cache.cached(
    `grafana:search:${client.host.id}`,
    () => client.searchDashboards(),
  );
  const { hits } = value;
  return {
    dashboards: matchDashboards(hits, matches, client.host.domain),
    searched: hits.length,
    fetchedAt,
  };
}
