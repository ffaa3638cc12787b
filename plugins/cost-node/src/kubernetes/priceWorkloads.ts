import {
  CostResource,
  Coverage,
  emptyCoverage,
  Estimate,
  money,
  priceComponents,
  projectEstimate,
} from '../price/estimate';
import { PricesUsed } from '../price/pricesUsed';
import { NODE_MACHINES, nodePriceKey } from '../price/specs';
import { Cloud, HOURS_PER_MONTH, PricingCatalog } from '../price/types';
import { nodeShare, readWorkloads } from './workloads';

/** The node a workload is priced on when nobody says: a general-purpose 4 vCPU/16 GiB. */
export const DEFAULT_NODE_MACHINE: Record<Cloud, string> = {
  aws: 'm6i.xlarge',
  azure: 'Standard_D4s_v5',
  gcp: 'e2-standard-4',
};

/**
 * Prices the workloads of manifests (or `kustomize build` output) as their share of the
 * node they run on: share = max(CPU requests / node vCPU, memory requests / node memory)
 * per replica; monthly cost = share × replicas × the node's hourly price × 730.
 * DaemonSets count one replica per node: `nodes` says how many (default 1).
 */
export function priceWorkloads(options: {
  project: string;
  manifests: string;
  cloud: Cloud;
  region: string;
  machine?: string;
  nodes?: number;
  catalog: PricingCatalog;
}): Estimate {
  const { cloud, region, catalog } = options;
  const coverage: Coverage = emptyCoverage();
  const machine = options.machine ?? DEFAULT_NODE_MACHINE[cloud];
  if (!options.machine) {
    coverage.assumedUsage.push({
      address: options.project,
      key: `node_machine=${machine}`,
      value: 1,
    });
  }
  const node = NODE_MACHINES[cloud][machine];
  const used = new PricesUsed(catalog);
  const resources: CostResource[] = [];
  let total = 0;
  for (const workload of readWorkloads(options.manifests)) {
    if (!node) {
      coverage.unsupportedResources.push({
        address: workload.id,
        resourceType: 'kubernetes_workload',
        reason: `node machine ${machine} has no known vCPU and memory`,
      });
      continue;
    }
    for (const container of workload.missingRequests) {
      coverage.problems.push({
        file: workload.id,
        message: `container "${container}" has no CPU or memory request: priced as zero for what it lacks`,
      });
    }
    const share = nodeShare(workload, node);
    const replicas = workload.perNode ? options.nodes ?? 1 : workload.replicas;
    const result = priceComponents(
      {
        address: workload.id,
        type: 'kubernetes_workload',
        cloud,
        region,
      },
      [
        {
          name: `${replicas} × ${money(share)} of a ${machine} (${
            workload.cpu
          } vCPU, ${money(workload.memoryGiB)} GiB requested per replica)`,
          unit: 'node-hours',
          monthlyQuantity: share * replicas * HOURS_PER_MONTH,
          priceKey: nodePriceKey(cloud, machine),
          usageBased: false,
        },
      ],
      catalog,
      coverage,
      used,
    );
    total += result.total;
    resources.push(result.resource);
  }
  return projectEstimate(options.project, resources, total, {
    coverage,
    used,
    catalog,
  });
}
