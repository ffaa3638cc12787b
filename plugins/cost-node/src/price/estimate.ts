import { ResourceInstance, TerraformProblem } from '../hcl/loadTerraform';
import { AWS_PRICERS } from './aws';
import { PricingCatalog, UsageFile } from './types';

/** Resource types that cost nothing by themselves (networking glue, IAM, policies). */
const FREE = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route_table_association',
  'aws_route',
  'aws_internet_gateway',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_openid_connect_provider',
  'aws_db_subnet_group',
  'aws_elasticache_subnet_group',
  'aws_eks_addon',
  'aws_eks_access_entry',
  'aws_eks_access_policy_association',
]);

export interface CostComponent {
  name: string;
  unit: string;
  monthlyQuantity: string | null;
  price: string | null;
  monthlyCost: string | null;
  usageBased: boolean;
}

export interface CostResource {
  name: string;
  resourceType: string;
  monthlyCost: string | null;
  costComponents: CostComponent[];
}

/** What the estimate does not cover, so nothing is silently zero. */
export interface Coverage {
  unsupportedResources: Array<{
    address: string;
    resourceType: string;
    reason: string;
  }>;
  missingPrices: Array<{
    address: string;
    component: string;
    priceKey: string;
    region?: string;
  }>;
  missingUsage: Array<{ address: string; component: string }>;
  freeResources: number;
  problems: TerraformProblem[];
}

/** Infracost's JSON shape, plus Forja's coverage and price dates. */
export interface Estimate {
  version: '0.2';
  currency: 'USD';
  totalMonthlyCost: string;
  projects: Array<{
    name: string;
    breakdown: { resources: CostResource[]; totalMonthlyCost: string };
  }>;
  coverage: Coverage;
  /** The oldest retrieval date of the prices used. */
  pricesRetrievedAt?: string;
}

const money = (n: number) => n.toFixed(4).replace(/\.?0+$/, '') || '0';

/** Prices AWS resources (first cloud) with the catalog and the usage file. */
export function estimate(options: {
  project: string;
  resources: ResourceInstance[];
  problems?: TerraformProblem[];
  catalog: PricingCatalog;
  usage?: UsageFile;
}): Estimate {
  const { catalog, usage = {} } = options;
  const coverage: Coverage = {
    unsupportedResources: [],
    missingPrices: [],
    missingUsage: [],
    freeResources: 0,
    problems: options.problems ?? [],
  };
  let total = 0;
  const priceDates: string[] = [];
  const priced: CostResource[] = [];
  for (const resource of options.resources) {
    if (FREE.has(resource.type)) {
      coverage.freeResources++;
      continue;
    }
    const pricer = AWS_PRICERS[resource.type];
    if (!pricer) {
      coverage.unsupportedResources.push({
        address: resource.address,
        resourceType: resource.type,
        reason: 'Forja has no price model for this resource type',
      });
      continue;
    }
    const resourceUsage = {
      ...usage.resource_type_default_usage?.[resource.type],
      ...usage.resource_usage?.[resource.address],
    };
    const requests = pricer(resource.values, resourceUsage);
    if (typeof requests === 'string') {
      coverage.unsupportedResources.push({
        address: resource.address,
        resourceType: resource.type,
        reason: requests,
      });
      continue;
    }
    const region = resource.providerRegion;
    let resourceCost = 0;
    const components = requests.map((request): CostComponent => {
      const price = region
        ? catalog.prices.aws?.[region]?.[request.priceKey]
        : undefined;
      if (!price) {
        coverage.missingPrices.push({
          address: resource.address,
          component: request.name,
          priceKey: request.priceKey,
          region,
        });
      } else {
        priceDates.push(price.retrievedAt);
      }
      if (request.monthlyQuantity === undefined && request.usageBased) {
        coverage.missingUsage.push({
          address: resource.address,
          component: request.name,
        });
      }
      const cost =
        price && request.monthlyQuantity !== undefined
          ? request.monthlyQuantity * price.usd
          : undefined;
      if (cost !== undefined) resourceCost += cost;
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
      };
    });
    total += resourceCost;
    priced.push({
      name: resource.address,
      resourceType: resource.type,
      monthlyCost: money(resourceCost),
      costComponents: components,
    });
  }
  return {
    version: '0.2',
    currency: 'USD',
    totalMonthlyCost: money(total),
    projects: [
      {
        name: options.project,
        breakdown: { resources: priced, totalMonthlyCost: money(total) },
      },
    ],
    coverage,
    pricesRetrievedAt: priceDates.sort()[0],
  };
}
