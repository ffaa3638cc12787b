import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  costEntityReadPermission,
  EntityCostResponse,
} from '@forja/plugin-cost-common';
import {
  actionEntityRef,
  actionEntityRefInput,
  EntityAuthorizer,
} from '@forja/plugin-forja-node';
import { EntityCostService } from './service';

/** Resources listed per environment: the costliest first. */
export const TOP_RESOURCES = 10;

const byCost = (a: { monthlyCost: string | null }, b: typeof a) =>
  Number(b.monthlyCost ?? 0) - Number(a.monthlyCost ?? 0);

/** The estimate as an agent reads it: totals, the costliest resources, coverage, clouds. */
export function costSummary(cost: EntityCostResponse) {
  return {
    entityRef: cost.entityRef,
    currency: cost.currency,
    totalMonthlyCost: cost.totalMonthlyCost,
    pricesRetrievedAt: cost.pricesRetrievedAt,
    pricesStale: cost.priceFreshness?.stale,
    environments: cost.environments.map(env => {
      const estimate = env.estimate;
      const resources = (estimate?.projects ?? []).flatMap(
        p => p.breakdown.resources,
      );
      return {
        environment: env.environment,
        status: env.status,
        message: env.message,
        monthlyCost: estimate?.totalMonthlyCost,
        costliestResources: [...resources]
          .sort(byCost)
          .slice(0, TOP_RESOURCES)
          .map(r => ({
            name: r.name,
            resourceType: r.resourceType,
            monthlyCost: r.monthlyCost,
          })),
        notCovered: estimate
          ? {
              unsupportedResources:
                estimate.coverage.unsupportedResources.length,
              missingPrices: estimate.coverage.missingPrices.length,
              problems: estimate.coverage.problems.length,
            }
          : undefined,
        otherClouds: (estimate?.projects ?? []).flatMap(p =>
          (p.comparison?.clouds ?? []).map(c => ({
            project: p.name,
            cloud: c.cloud,
            region: c.region,
            totalMonthlyCost: c.totalMonthlyCost,
          })),
        ),
      };
    }),
    members: cost.members?.map(m => ({
      entityRef: m.entityRef,
      totalMonthlyCost: m.totalMonthlyCost,
    })),
  };
}

/**
 * Cost for agents, in Backstage's actions registry: the route's estimate, behind the
 * same permission (`cost.entity.read` on the entity, checked for the caller).
 */
export function registerCostActions(options: {
  actionsRegistry: ActionsRegistryService;
  authorize: EntityAuthorizer;
  costs: EntityCostService;
}) {
  const { actionsRegistry, authorize, costs } = options;
  actionsRegistry.register({
    name: 'get-entity-cost',
    title: 'Monthly cost estimate of a catalog entity',
    description: `Estimates what a component, system or group costs per month (USD) from its Terraform and Kubernetes manifests, per environment: the total, the ${TOP_RESOURCES} costliest resources, what the estimate does not cover, the same architecture priced on the other clouds, and for systems and groups each member's total. Prices come from the clouds' public price lists, with their retrieval date. Needs cost.entity.read on the entity.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: actionEntityRefInput(z) }),
      output: z => {
        const money = z.string().nullable();
        return z.object({
          entityRef: z.string(),
          currency: z.string(),
          totalMonthlyCost: z.string(),
          pricesRetrievedAt: z.string().optional(),
          pricesStale: z.boolean().optional(),
          environments: z.array(
            z.object({
              environment: z.string(),
              status: z.enum(['ok', 'failed']),
              message: z.string().optional(),
              monthlyCost: z.string().optional(),
              costliestResources: z.array(
                z.object({
                  name: z.string(),
                  resourceType: z.string(),
                  monthlyCost: money,
                }),
              ),
              notCovered: z
                .object({
                  unsupportedResources: z.number(),
                  missingPrices: z.number(),
                  problems: z.number(),
                })
                .optional(),
              otherClouds: z.array(
                z.object({
                  project: z.string(),
                  cloud: z.string(),
                  region: z.string(),
                  totalMonthlyCost: z.string(),
                }),
              ),
            }),
          ),
          members: z
            .array(
              z.object({ entityRef: z.string(), totalMonthlyCost: z.string() }),
            )
            .optional(),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const { entity } = await authorize(
        credentials,
        actionEntityRef(input.entityRef),
        costEntityReadPermission,
      );
      return { output: costSummary(await costs.entityCost(entity)) };
    },
  });
}
