import { ResourceInstance, TerraformProblem } from '../hcl/loadTerraform';
import { AWS } from './aws';
import { AZURE } from './azure';
import { categoryOf } from './categories';
import { CloudPricing } from './components';
import { GCP } from './gcp';
import { Cloud, ComponentRequest, PricingCatalog, UsageFile } from './types';
import { USAGE_DEFAULTS } from './usageDefaults';
import { mergeSources, oldestDate, PricesUsed } from './pricesUsed';
import type {
  CostComponent,
  CostResource,
  Coverage,
  CostProject as Project,
  Estimate,
} from '@forja/plugin-cost-common';

export type { CostComponent, CostResource, Coverage, Project, Estimate };

const CLOUDS: Array<[string, CloudPricing]> = [
  ['aws_', AWS],
  ['azurerm_', AZURE],
  ['google_', GCP],
];

/** Resources of no cloud that cost nothing by themselves. */
const PROVIDER_AGNOSTIC_FREE =
  /^(random_|time_|tls_|null_resource$|terraform_data$|local_|kubernetes_|helm_release$|github_)/;

export const cloudOf = (resourceType: string) =>
  CLOUDS.find(([prefix]) => resourceType.startsWith(prefix))?.[1];

export const money = (n: number) => n.toFixed(4).replace(/\.?0+$/, '') || '0';

export const emptyCoverage = (): Coverage => ({
  unsupportedResources: [],
  missingPrices: [],
  missingUsage: [],
  assumedUsage: [],
  freeResources: 0,
  problems: [],
});

/** A priced resource from component requests: what the catalog has, the rest in coverage. */
export function priceComponents(
  resource: {
    address: string;
    type: string;
    cloud: Cloud;
    region?: string;
    file?: string;
  },
  requests: ComponentRequest[],
  catalog: PricingCatalog,
  coverage: Coverage,
  used: PricesUsed,
): { resource: CostResource; total: number } {
  let total = 0;
  const components = requests.map((request): CostComponent => {
    const price = resource.region
      ? catalog.prices[resource.cloud]?.[resource.region]?.[request.priceKey]
      : undefined;
    if (!price) {
      coverage.missingPrices.push({
        address: resource.address,
        component: request.name,
        priceKey: request.priceKey,
        cloud: resource.cloud,
        region: resource.region,
      });
    } else {
      used.add(price);
    }
    if (request.monthlyQuantity === undefined) {
      coverage.missingUsage.push({
        address: resource.address,
        component: request.name,
      });
    }
    const cost =
      price && request.monthlyQuantity !== undefined
        ? request.monthlyQuantity * price.usd
        : undefined;
    if (cost !== undefined) total += cost;
    return {
      name: request.name,
      unit: request.unit,
      monthlyQuantity:
        request.monthlyQuantity === undefined
          ? null
          : money(request.monthlyQuantity),
      price: price ? String(price.usd) : null,
      monthlyCost: cost === undefined ? null : money(cost),
      usageBased: request.usageBased,
      priceKey: request.priceKey,
    };
  });
  return {
    total,
    resource: {
      name: resource.address,
      resourceType: resource.type,
      monthlyCost: money(total),
      costComponents: components,
      metadata: {
        cloud: resource.cloud,
        region: resource.region,
        category: categoryOf(resource.type),
        file: resource.file,
      },
    },
  };
}

/**
 * The usage of one resource: its own entry over its type's, over Forja's defaults. The
 * defaults the pricer actually reads are reported as assumed.
 */
function usageFor(
  resource: ResourceInstance,
  usage: UsageFile,
  coverage: Coverage,
): Record<string, number> {
  // Only numbers count: anything else in the file is treated as not given.
  const given: Record<string, number> = Object.fromEntries(
    Object.entries({
      ...usage.resource_type_default_usage?.[resource.type],
      ...usage.resource_usage?.[resource.address],
    }).filter(
      ([, value]) => typeof value === 'number' && Number.isFinite(value),
    ),
  );
  const defaults = USAGE_DEFAULTS[resource.type] ?? {};
  const reported = new Set<string>();
  return new Proxy(
    { ...defaults, ...given },
    {
      get(values, key) {
        if (
          typeof key === 'string' &&
          key in defaults &&
          !(key in given) &&
          !reported.has(key)
        ) {
          reported.add(key);
          coverage.assumedUsage.push({
            address: resource.address,
            key,
            value: defaults[key],
          });
        }
        return values[key as string];
      },
    },
  );
}

/** Prices Terraform resources (any of the three clouds) with the catalog and usage file. */
export function estimate(options: {
  project: string;
  resources: ResourceInstance[];
  problems?: TerraformProblem[];
  catalog: PricingCatalog;
  usage?: UsageFile;
}): Estimate {
  const { catalog } = options;
  const coverage = emptyCoverage();
  coverage.problems.push(...(options.problems ?? []));
  const used = new PricesUsed(catalog);
  const { resources, total } = priceResources(options.resources, {
    catalog,
    usage: options.usage,
    coverage,
    used,
  });
  return projectEstimate(options.project, resources, total, {
    coverage,
    used,
    catalog,
  });
}

/**
 * Prices resources into a coverage and price list shared with the caller (an estimate of
 * Terraform, or the load balancers a Kubernetes estimate finds behind Ingresses).
 */
export function priceResources(
  resources: ResourceInstance[],
  context: {
    catalog: PricingCatalog;
    usage?: UsageFile;
    coverage: Coverage;
    used: PricesUsed;
  },
): { resources: CostResource[]; total: number } {
  const { catalog, usage = {}, coverage, used } = context;
  const priced: CostResource[] = [];
  let total = 0;
  for (const resource of resources) {
    const cloud = cloudOf(resource.type);
    if (
      cloud?.free.has(resource.type) ||
      PROVIDER_AGNOSTIC_FREE.test(resource.type)
    ) {
      coverage.freeResources++;
      continue;
    }
    const pricer = cloud?.pricers[resource.type];
    if (!cloud || !pricer) {
      coverage.unsupportedResources.push({
        address: resource.address,
        resourceType: resource.type,
        reason: 'Forja has no price model for this resource type',
      });
      continue;
    }
    const requests = pricer(
      resource.values,
      usageFor(resource, usage, coverage),
    );
    if (typeof requests === 'string') {
      coverage.unsupportedResources.push({
        address: resource.address,
        resourceType: resource.type,
        reason: requests,
      });
      continue;
    }
    const result = priceComponents(
      {
        address: resource.address,
        type: resource.type,
        cloud: cloud.cloud,
        region: cloud.regionOf(resource.values, resource.providerRegion),
        file: resource.file,
      },
      requests,
      catalog,
      coverage,
      used,
    );
    total += result.total;
    priced.push(result.resource);
  }
  return { resources: priced, total };
}

/** One project's estimate from its priced resources. */
export function projectEstimate(
  project: string,
  resources: CostResource[],
  total: number,
  context: {
    coverage: Coverage;
    used: PricesUsed;
    catalog: PricingCatalog;
  },
): Estimate {
  const priceSources = context.used.sources();
  return {
    version: '0.2',
    currency: 'USD',
    totalMonthlyCost: money(total),
    projects: [
      {
        name: project,
        breakdown: { resources, totalMonthlyCost: money(total) },
      },
    ],
    coverage: context.coverage,
    pricesRetrievedAt: oldestDate(priceSources),
    priceSources,
    pricingCatalogVersion: context.catalog.version,
  };
}

/** Several estimates (one per environment or directory) as one, projects side by side. */
export function combineEstimates(estimates: Estimate[]): Estimate {
  const coverage = emptyCoverage();
  for (const e of estimates) {
    coverage.unsupportedResources.push(...e.coverage.unsupportedResources);
    coverage.missingPrices.push(...e.coverage.missingPrices);
    coverage.missingUsage.push(...e.coverage.missingUsage);
    coverage.assumedUsage.push(...e.coverage.assumedUsage);
    coverage.freeResources += e.coverage.freeResources;
    coverage.problems.push(...e.coverage.problems);
  }
  const priceSources = mergeSources(estimates.map(e => e.priceSources ?? []));
  return {
    version: '0.2',
    currency: 'USD',
    totalMonthlyCost: money(
      estimates.reduce((sum, e) => sum + Number(e.totalMonthlyCost), 0),
    ),
    projects: estimates.flatMap(e => e.projects),
    coverage,
    pricesRetrievedAt: oldestDate(priceSources),
    priceSources,
    pricingCatalogVersion: estimates[0]?.pricingCatalogVersion ?? '',
  };
}
