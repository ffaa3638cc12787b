import {
  CostResource,
  Coverage,
  emptyCoverage,
  Estimate,
  money,
  priceComponents,
  priceResources,
  projectEstimate,
} from '../price/estimate';
import { PricesUsed } from '../price/pricesUsed';
import {
  FARGATE_MACHINE,
  MachineSpec,
  NODE_MACHINES,
  nodePriceKey,
} from '../price/specs';
import {
  Cloud,
  ComponentRequest,
  HOURS_PER_MONTH,
  PricingCatalog,
  UsageFile,
} from '../price/types';
import { fargateSize } from './fargateSize';
import { ingressLoadBalancers } from './ingressLoadBalancers';
import {
  nodeShare,
  parseObjects,
  readWorkloads,
  WorkloadRequests,
} from './workloads';

/** The node a workload is priced on when nobody says: a general-purpose 4 vCPU/16 GiB. */
export const DEFAULT_NODE_MACHINE: Record<Cloud, string> = {
  aws: 'm6i.xlarge',
  azure: 'Standard_D4s_v5',
  gcp: 'e2-standard-4',
};

/** A workload's share of its node, or why it cannot be priced on that node. */
function nodeComponents(
  cloud: Cloud,
  workload: WorkloadRequests,
  machine: string,
  node: MachineSpec | undefined,
  nodes: number | undefined,
  coverage: Coverage,
): ComponentRequest[] | undefined {
  if (!node) {
    coverage.unsupportedResources.push({
      address: workload.id,
      resourceType: 'kubernetes_workload',
      reason: `node machine ${machine} has no known vCPU and memory`,
    });
    return undefined;
  }
  for (const container of workload.missingRequests) {
    coverage.problems.push({
      file: workload.id,
      message: `container "${container}" has no CPU or memory request: priced as zero for what it lacks`,
    });
  }
  const share = nodeShare(workload, node);
  const replicas = workload.perNode ? nodes ?? 1 : workload.replicas;
  return [
    {
      name: `${replicas} × ${money(share)} of a ${machine} (${
        workload.cpu
      } vCPU, ${money(workload.memoryGiB)} GiB requested per replica)`,
      unit: 'node-hours',
      monthlyQuantity: share * replicas * HOURS_PER_MONTH,
      priceKey: nodePriceKey(cloud, machine),
      usageBased: false,
    },
  ];
}

/**
 * A workload on EKS Fargate: each replica billed for the vCPU and memory of the Fargate
 * size its requests round up to (fargateSize.ts).
 */
function fargateComponents(
  workload: WorkloadRequests,
  coverage: Coverage,
): ComponentRequest[] | undefined {
  if (workload.perNode) {
    coverage.unsupportedResources.push({
      address: workload.id,
      resourceType: 'kubernetes_workload',
      reason: 'a DaemonSet does not run on Fargate (no nodes to run on)',
    });
    return undefined;
  }
  const size = fargateSize(workload.cpu, workload.memoryGiB);
  if (!size) {
    coverage.unsupportedResources.push({
      address: workload.id,
      resourceType: 'kubernetes_workload',
      reason: `${workload.cpu} vCPU and ${money(
        workload.memoryGiB,
      )} GiB per pod is more than the largest Fargate size (16 vCPU, 120 GB)`,
    });
    return undefined;
  }
  for (const container of workload.missingRequests) {
    coverage.problems.push({
      file: workload.id,
      message: `container "${container}" has no CPU or memory request: Fargate sizes the pod without it`,
    });
  }
  const pods = workload.replicas;
  const label = `${pods} pod${pods === 1 ? '' : 's'} × Fargate ${
    size.vcpu
  } vCPU, ${size.memoryGiB} GB (${workload.cpu} vCPU, ${money(
    workload.memoryGiB,
  )} GiB requested + 0.25 GiB)`;
  return [
    {
      name: `${label}: vCPU`,
      unit: 'vCPU-hours',
      monthlyQuantity: pods * size.vcpu * HOURS_PER_MONTH,
      priceKey: 'fargate:vcpu',
      usageBased: false,
    },
    {
      name: `${label}: memory`,
      unit: 'GB-hours',
      monthlyQuantity: pods * size.memoryGiB * HOURS_PER_MONTH,
      priceKey: 'fargate:gb',
      usageBased: false,
    },
  ];
}

/**
 * Prices the workloads of manifests (or `kustomize build` output) as their share of the
 * node they run on: share = max(CPU requests / node vCPU, memory requests / node memory)
 * per replica; monthly cost = share × replicas × the node's hourly price × 730.
 * DaemonSets count one replica per node: `nodes` says how many (default 1).
 * On EKS Fargate (`machine: 'fargate'`) each pod is billed for the Fargate size its
 * requests round up to, in vCPU-hours and GB-hours; DaemonSets cannot run there.
 * The load balancers the cloud's Ingress controller creates are priced too, with the
 * usage file's traffic (ingressLoadBalancers.ts).
 */
export function priceWorkloads(options: {
  project: string;
  manifests: string;
  cloud: Cloud;
  region: string;
  machine?: string;
  nodes?: number;
  catalog: PricingCatalog;
  usage?: UsageFile;
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
  const fargate = cloud === 'aws' && machine === FARGATE_MACHINE;
  const objects = parseObjects(options.manifests);
  for (const workload of readWorkloads(objects)) {
    const requests = fargate
      ? fargateComponents(workload, coverage)
      : nodeComponents(cloud, workload, machine, node, options.nodes, coverage);
    if (!requests) continue;
    const result = priceComponents(
      {
        address: workload.id,
        type: 'kubernetes_workload',
        cloud,
        region,
      },
      requests,
      catalog,
      coverage,
      used,
    );
    total += result.total;
    resources.push(result.resource);
  }
  const balancers = priceResources(
    ingressLoadBalancers(objects, cloud, region),
    { catalog, usage: options.usage, coverage, used },
  );
  resources.push(...balancers.resources);
  total += balancers.total;
  return projectEstimate(options.project, resources, total, {
    coverage,
    used,
    catalog,
  });
}
