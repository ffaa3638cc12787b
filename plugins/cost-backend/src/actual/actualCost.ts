import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACTUAL_COST_SOURCES,
  ActualCostSourceId,
  ActualCostSourceStatus,
  ActualMonth,
  EntityActualCostResponse,
  EntityCostResponse,
} from '@forja/plugin-cost-common';
import {
  isUpstreamFailure,
  SwrCache,
  upstreamStatus,
} from '@forja/plugin-forja-node';
import { ActualCostConfig } from './config';
import { CONNECT } from './connect';
import { drift } from './drift';
import { lastFullMonths } from './months';
import { ActualCostSource, SpendRow } from './source';

export interface ActualCostService {
  /** The entity's actual spend per environment beside its estimate. */
  actualCost(entity: Entity): Promise<EntityActualCostResponse>;
}

/**
 * The tag value is the entity's name, so it must be one every source accepts as a value
 * (Kubernetes label values and GCP labels: lowercase letters, digits, `-`, `_`, at most 63).
 */
const TAG_VALUE = /^[a-z0-9]([-a-z0-9_]{0,61}[a-z0-9])?$/;
const KINDS = ['component', 'resource'];
const DAY_MS = 24 * 60 * 60 * 1000;

const dollars = (value: number) => value.toFixed(2);

/**
 * Asks every configured source for the entity's spend over the last full months (each
 * answer kept for the day, per source, entity and months), adds them per environment and
 * month, and sets each environment's last month beside its estimate. The entity is found
 * by its name only, and only when no other Component or Resource of the default namespace
 * has that name: a name shared across kinds (a hostile Resource named like a Component)
 * would read the other's spend, so it reads nothing.
 */
export function createActualCostService(options: {
  config: ActualCostConfig;
  sources: ActualCostSource[];
  estimates: { entityCost(entity: Entity): Promise<EntityCostResponse> };
  cache: SwrCache;
  catalog: CatalogService;
  auth: AuthService;
  now?: () => Date;
}): ActualCostService {
  const { config, sources, cache } = options;
  const now = options.now ?? (() => new Date());

  async function checkTaggable(entity: Entity): Promise<string> {
    const name = entity.metadata.name;
    const namespace = entity.metadata.namespace ?? 'default';
    if (
      !KINDS.includes(entity.kind.toLocaleLowerCase('en-US')) ||
      namespace !== 'default'
    ) {
      throw new InputError(
        'actual cost is read for Components and Resources of the default namespace, by their name',
      );
    }
    if (!TAG_VALUE.test(name)) {
      throw new InputError(
        `actual cost is read by the entity's name as a tag value; "${name}" is not one every source accepts (lowercase letters, digits, - and _, at most 63)`,
      );
    }
    const { items } = await options.catalog.getEntities(
      {
        filter: {
          kind: ['Component', 'Resource'],
          'metadata.namespace': 'default',
          'metadata.name': name,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    // Checked again here: a catalog (or its test double) may match filters loosely.
    const named = items.filter(
      e =>
        e.metadata.name === name &&
        (e.metadata.namespace ?? 'default') === 'default' &&
        KINDS.includes(e.kind.toLocaleLowerCase('en-US')),
    );
    if (named.length > 1) {
      throw new InputError(
        `actual cost is not read: ${
          items.length
        } entities are named "${name}" (${items
          .map(e => stringifyEntityRef(e))
          .join(', ')}), and the tag value cannot tell them apart`,
      );
    }
    return name;
  }

  async function read(
    source: ActualCostSource,
    entity: string,
    months: string[],
  ): Promise<{ status: ActualCostSourceStatus; rows: SpendRow[] }> {
    const day = now().toISOString().slice(0, 10);
    try {
      const cached = await cache.cached(
        `actual:${source.id}:${entity}:${months[0]}:${
          months[months.length - 1]
        }:${day}`,
        () => source.spend({ entity, months }),
        { freshMs: DAY_MS, ttlMs: DAY_MS },
      );
      const foreign = cached.value.find(row => row.currency !== 'USD');
      if (foreign) {
        return {
          status: {
            source: source.id,
            status: 'unavailable',
            message: `${source.id} reports in ${foreign.currency}; estimates are in USD`,
          },
          rows: [],
        };
      }
      return {
        status: {
          source: source.id,
          status: 'ok',
          fetchedAt: cached.fetchedAt,
        },
        rows: cached.value,
      };
    } catch (error) {
      if (!isUpstreamFailure(error)) throw error;
      return {
        status: { source: source.id, ...upstreamStatus(error) },
        rows: [],
      };
    }
  }

  return {
    async actualCost(entity) {
      const tagValue = await checkTaggable(entity);
      const months = lastFullMonths(now(), config.months);
      const [estimate, ...answers] = await Promise.all([
        options.estimates.entityCost(entity),
        ...sources.map(source => read(source, tagValue, months)),
      ]);
      const configured = new Set(sources.map(s => s.id));
      const statuses: ActualCostSourceStatus[] = [
        ...answers.map(a => a.status),
        ...ACTUAL_COST_SOURCES.filter(id => !configured.has(id)).map(
          (id): ActualCostSourceStatus => ({
            source: id,
            status: 'not-configured',
            connect: CONNECT[id],
          }),
        ),
      ];
      const answered = answers.filter(a => a.status.status === 'ok');

      // environment → month → source → amount
      const spend = new Map<
        string,
        Map<string, Map<ActualCostSourceId, number>>
      >();
      answered.forEach(answer => {
        for (const row of answer.rows) {
          const byMonth = spend.get(row.environment) ?? new Map();
          spend.set(row.environment, byMonth);
          const bySource = byMonth.get(row.month) ?? new Map();
          byMonth.set(row.month, bySource);
          bySource.set(
            answer.status.source,
            (bySource.get(answer.status.source) ?? 0) + row.amount,
          );
        }
      });
      const estimated = new Map(
        estimate.environments
          .filter(e => e.status === 'ok' && e.estimate)
          .map(e => [e.environment, Number(e.estimate!.totalMonthlyCost)]),
      );
      const environments = [
        ...estimate.environments.map(e => e.environment),
        ...[...spend.keys()]
          .filter(e => !estimate.environments.some(x => x.environment === e))
          .sort(),
      ];
      const monthOf = (environment: string, month: string): ActualMonth => {
        const bySource = spend.get(environment)?.get(month);
        const total = bySource
          ? [...bySource.values()].reduce((a, b) => a + b, 0)
          : 0;
        return {
          month,
          // A month no source answered for is unknown; answered and untagged is zero.
          actual: answered.length ? dollars(total) : null,
          bySource: Object.fromEntries(
            [...(bySource ?? [])].map(([id, amount]) => [id, dollars(amount)]),
          ),
        };
      };
      const result = environments.map(environment => {
        const trend = months.map(month => monthOf(environment, month));
        const lastMonth = trend[trend.length - 1];
        const est = estimated.get(environment);
        return {
          environment,
          estimate: est === undefined ? undefined : dollars(est),
          lastMonth,
          months: trend,
          drift: drift(
            est,
            lastMonth.actual === null ? null : Number(lastMonth.actual),
            config.driftShare,
          ),
        };
      });
      return {
        entityRef: stringifyEntityRef(entity),
        currency: 'USD',
        tagValue,
        driftShare: config.driftShare,
        environments: result,
        sources: statuses,
        drifting: result.some(e => e.drift?.exceeded),
      };
    },
  };
}
