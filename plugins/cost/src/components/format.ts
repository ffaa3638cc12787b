import {
  CostCategory,
  CostResource,
  Coverage,
  EnvironmentCost,
} from '@forja/plugin-cost-common';

export { usd } from '@forja/plugin-forja-react';

export interface TopComponent {
  environment: string;
  resource: string;
  component: string;
  monthlyCost: number;
}

/** The most expensive cost components across the priced environments. */
export function topComponents(
  environments: EnvironmentCost[],
  count = 5,
): TopComponent[] {
  return environments
    .flatMap(env =>
      (env.estimate?.projects ?? []).flatMap(project =>
        project.breakdown.resources.flatMap(resource =>
          resource.costComponents.map(c => ({
            environment: env.environment,
            resource: resource.name,
            component: c.name,
            monthlyCost: Number(c.monthlyCost ?? 0),
          })),
        ),
      ),
    )
    .sort((a, b) => b.monthlyCost - a.monthlyCost)
    .slice(0, count);
}

/** Monthly cost per category (kubernetes, database...), largest first. */
export function byCategory(
  resources: CostResource[],
): Array<{ category: CostCategory; monthlyCost: number }> {
  const totals = new Map<CostCategory, number>();
  for (const r of resources) {
    totals.set(
      r.metadata.category,
      (totals.get(r.metadata.category) ?? 0) + Number(r.monthlyCost ?? 0),
    );
  }
  return [...totals.entries()]
    .map(([category, monthlyCost]) => ({
      category,
      monthlyCost: Math.round(monthlyCost * 100) / 100,
    }))
    .sort((a, b) => b.monthlyCost - a.monthlyCost);
}

/** What the estimates leave out, counted over environments. */
export function coverageCounts(environments: EnvironmentCost[]) {
  const coverages: Coverage[] = environments.flatMap(e =>
    e.estimate ? [e.estimate.coverage] : [],
  );
  const sum = (pick: (c: Coverage) => unknown[]) =>
    coverages.reduce((n, c) => n + pick(c).length, 0);
  return {
    notPriced: sum(c => c.unsupportedResources),
    missingPrices: sum(c => c.missingPrices),
    missingUsage: sum(c => c.missingUsage),
    assumedUsage: sum(c => c.assumedUsage),
    problems: sum(c => c.problems),
    failedEnvironments: environments.filter(e => e.status === 'failed').length,
  };
}
