import { Entity } from '@backstage/catalog-model';
import { entityEnvironments } from '@forja/plugin-cost-common';
import {
  orderEnvironments,
  OverviewResponse,
  OverviewRow,
  rowStates,
  sortByTrouble,
  TroubleState,
} from '@forja/plugin-overview-common';
import { refOf, relatedRef } from '../sources';
import { AllowedSources, forbidden } from './access';
import { alertsPart, AlertsAnswer } from './cells/alerts';
import { argocdEnvironments, argocdPart, ArgoCdAnswer } from './cells/argocd';
import { costEnvironments, costPart, CostAnswer } from './cells/cost';
import {
  kubernetesEnvironments,
  kubernetesPart,
  KubernetesAnswer,
} from './cells/kubernetes';

export interface OverviewFilters {
  /** Only the first rows, trouble first (the page's first screen). */
  limit?: number;
  owner?: string;
  system?: string;
  environment?: string;
  state?: TroubleState;
}

/** Every source's answer for the overview's components. */
export interface SourceAnswers {
  argocd: ArgoCdAnswer;
  kubernetes: KubernetesAnswer;
  alerts: AlertsAnswer;
  costs: CostAnswer;
}

/**
 * One component's row: a cell per environment it declares or its applications, workloads
 * and costs show, each source's part as the viewer may see it.
 */
export function overviewRow(
  entity: Entity,
  answers: SourceAnswers,
  allowed: AllowedSources,
): OverviewRow {
  const { argocd, kubernetes, alerts, costs } = answers;
  const ref = refOf(entity);
  const declared = entityEnvironments(entity);
  const argocdCell = argocdPart(argocd, ref, declared);
  const kubernetesCell = kubernetesPart(kubernetes, entity);
  const alertCells = alertsPart(alerts, ref);
  const costCell = costPart(costs, ref);
  const environments = orderEnvironments([
    ...declared,
    ...argocdEnvironments(argocd, ref, declared),
    ...kubernetesEnvironments(kubernetes, entity),
    ...costEnvironments(costs, ref),
  ]);
  return {
    entityRef: ref,
    title: entity.metadata.title ?? entity.metadata.name,
    owner: relatedRef(entity, 'owner'),
    system: relatedRef(entity, 'system'),
    environments,
    cells: environments.map(environment => ({
      environment,
      argocd: forbidden(argocdCell(environment), allowed.argocd),
      kubernetes: forbidden(kubernetesCell(environment), allowed.kubernetes),
      alerts: forbidden(alertCells.part(environment), allowed.grafana),
      cost: forbidden(costCell(environment), allowed.cost),
    })),
    unplacedAlerts: allowed.grafana ? alertCells.unplaced : [],
  };
}

/**
 * The rows the filters let through, trouble first (only the first `limit`), with the
 * facets and total of all rows and the environments of those that match.
 */
export function selectRows(
  all: OverviewRow[],
  filters: OverviewFilters,
): Pick<
  OverviewResponse,
  'rows' | 'facets' | 'total' | 'matching' | 'environments'
> {
  let rows = all;
  const facets = {
    owners: [...new Set(rows.flatMap(r => (r.owner ? [r.owner] : [])))].sort(),
    systems: [
      ...new Set(rows.flatMap(r => (r.system ? [r.system] : []))),
    ].sort(),
  };
  const total = rows.length;
  if (filters.owner) rows = rows.filter(r => r.owner === filters.owner);
  if (filters.system) rows = rows.filter(r => r.system === filters.system);
  if (filters.environment) {
    rows = rows
      .map(r => ({
        ...r,
        cells: r.cells.filter(c => c.environment === filters.environment),
      }))
      .filter(r => r.cells.length);
  }
  if (filters.state) {
    rows = rows.filter(r => rowStates(r).includes(filters.state!));
  }
  rows = sortByTrouble(rows);
  const matching = rows.length;
  const environments = orderEnvironments(
    rows.flatMap(r => r.cells.map(c => c.environment)),
  );
  if (filters.limit) rows = rows.slice(0, filters.limit);
  return { rows, facets, total, matching, environments };
}
