import {
  fetchUpstream,
  UpstreamCredentialsRejectedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { ACTUAL_COST_TAGS } from '@forja/plugin-cost-common';
import { OpenCostConfig } from './config';
import { dayAfter, firstDay } from './months';
import { ActualCostSource, SpendRow } from './source';

/**
 * OpenCost stores Kubernetes labels as Prometheus label names (kube-state-metrics'
 * `label_<name>` with every character outside `[a-zA-Z0-9_]` made `_`): the allocation
 * API aggregates by that name.
 */
export const promLabelName = (label: string) =>
  label.replace(/[^a-zA-Z0-9_]/g, '_');

const ENTITY_LABEL = promLabelName(ACTUAL_COST_TAGS.opencost.entity);
const ENVIRONMENT_LABEL = promLabelName(ACTUAL_COST_TAGS.opencost.environment);

/** The key OpenCost gives allocations without the aggregated label. */
const UNALLOCATED = '__unallocated__';

interface Allocation {
  name: string;
  window: { start: string; end: string };
  totalCost: number;
}

interface AllocationResponse {
  code: number;
  data: Array<Record<string, Allocation> | null>;
  message?: string;
}

/**
 * Kubernetes workloads' spend from OpenCost's allocation API: one call for the months,
 * daily sets aggregated by the entity and environment labels
 * (`GET /allocation?window=<start>,<end>&aggregate=label:forja_dev_entity,label:forja_dev_environment&step=1d&accumulate=false`).
 * The entity's own allocations are picked from the answer by their exact key
 * `<entity>/<environment>`: its name never becomes part of a filter expression, so no
 * name can select another entity's workloads.
 */
export function createOpenCostSource(config: OpenCostConfig): ActualCostSource {
  return {
    id: 'opencost',
    async spend({ entity, months }) {
      const window = `${firstDay(months[0])}T00:00:00Z,${dayAfter(
        months[months.length - 1],
      )}T00:00:00Z`;
      const params = new URLSearchParams({
        window,
        aggregate: `label:${ENTITY_LABEL},label:${ENVIRONMENT_LABEL}`,
        step: '1d',
        accumulate: 'false',
        includeIdle: 'false',
      });
      const response = await fetchUpstream({
        upstream: 'OpenCost',
        url: `${config.baseUrl}/allocation?${params}`,
        token: config.token,
        timeoutMs: config.timeoutMs,
      });
      if (response.status === 401 || response.status === 403) {
        throw new UpstreamCredentialsRejectedError(
          `credentials rejected by OpenCost (${response.status})`,
        );
      }
      if (!response.ok) {
        throw new UpstreamUnavailableError(
          `OpenCost answered ${response.status}: ${(
            await response.excerpt(300)
          ).trim()}`,
        );
      }
      const body = await response.json<AllocationResponse>();
      if (!Array.isArray(body?.data)) {
        throw new UpstreamUnavailableError(
          `OpenCost returned no allocation sets (code ${body?.code})`,
        );
      }
      const totals = new Map<string, number>();
      const prefix = `${entity}/`;
      for (const set of body.data) {
        for (const [key, allocation] of Object.entries(set ?? {})) {
          if (!key.startsWith(prefix)) continue;
          const environment = key.slice(prefix.length);
          // `__unallocated__`: workloads of the entity with no environment label.
          if (
            !environment ||
            environment.includes('/') ||
            environment === UNALLOCATED
          ) {
            continue;
          }
          const month = String(allocation?.window?.start ?? '').slice(0, 7);
          const cost = Number(allocation?.totalCost);
          if (!months.includes(month) || !Number.isFinite(cost)) continue;
          const id = `${environment}|${month}`;
          totals.set(id, (totals.get(id) ?? 0) + cost);
        }
      }
      return [...totals].map(([id, amount]): SpendRow => {
        const [environment, month] = id.split('|');
        return { environment, month, amount, currency: 'USD' };
      });
    },
  };
}
