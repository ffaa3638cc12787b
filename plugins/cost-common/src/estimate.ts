/**
 * The estimate's shape: Infracost's JSON plus Forja's coverage, price dates and cloud
 * comparison. The engine (`@forja/plugin-cost-node`) produces it, the backend serves it and
 * the frontend shows it; it is declared here so that none of them depends on another.
 */

export type Cloud = 'aws' | 'azure' | 'gcp';

/** What a resource type is for, as the cost tab's chart groups it. */
export type CostCategory =
  | 'kubernetes'
  | 'compute'
  | 'database'
  | 'cache'
  | 'messaging'
  | 'networking'
  | 'storage'
  | 'registry'
  | 'observability'
  | 'other';

export interface CostComponent {
  name: string;
  unit: string;
  monthlyQuantity: string | null;
  price: string | null;
  monthlyCost: string | null;
  usageBased: boolean;
  /** The catalog key priced (Forja's addition). */
  priceKey?: string;
}

export interface CostResource {
  name: string;
  resourceType: string;
  monthlyCost: string | null;
  costComponents: CostComponent[];
  metadata: {
    cloud?: Cloud;
    region?: string;
    category: CostCategory;
    file?: string;
  };
}

/** A Terraform file the engine could not read or evaluate, and where. */
export interface TerraformProblem {
  file: string;
  line?: number;
  message: string;
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
    cloud?: Cloud;
    region?: string;
  }>;
  missingUsage: Array<{ address: string; component: string }>;
  /** Usage Forja assumed because the usage file did not give it. */
  assumedUsage: Array<{ address: string; key: string; value: number }>;
  freeResources: number;
  problems: TerraformProblem[];
}

/** The part an architecture's resource plays, whatever cloud provides it. */
export type CostRole =
  | 'kubernetes'
  | 'nodes'
  | 'postgres'
  | 'redis'
  | 'broker'
  | 'queue'
  | 'nat'
  | 'load-balancer'
  | 'registry';

export interface ComparisonItem {
  role: CostRole;
  /** The resources of the configuration that play this role. */
  sources: string[];
  /** What was chosen on this cloud and why it matches. */
  equivalent: string;
  monthlyCost: string | null;
}

export interface CloudColumn {
  cloud: Cloud;
  region: string;
  totalMonthlyCost: string;
  items: ComparisonItem[];
  coverage: Coverage;
}

export interface Comparison {
  from: { cloud: Cloud; region: string };
  clouds: CloudColumn[];
  /** Priced resources with no cross-cloud equivalent, left out of every column. */
  notCompared: Array<{ address: string; resourceType: string }>;
}

/** A node pool of a configuration: where its Kubernetes workloads run. */
export interface NodePool {
  cloud: Cloud;
  region?: string;
  machine: string;
  count: number;
}

export interface CostProject {
  name: string;
  breakdown: { resources: CostResource[]; totalMonthlyCost: string };
  /** The same architecture on the three clouds (Terraform projects). */
  comparison?: Comparison;
  /** The node pools it declares, largest first: where its workloads' pods run. */
  nodePools?: NodePool[];
}

/** Where a pricing catalog's prices came from. */
export interface PriceSource {
  kind: 'generated' | 'curated' | 'api';
  /** What it holds. */
  description: string;
  /**
   * ISO date its prices were read from the cloud: the upstream generation date of a
   * generated file, the day a curated table was transcribed or an API was read.
   */
  retrievedAt: string;
  /** The input file, relative to `plugins/cost-node`. */
  file?: string;
  /** Upstream repository, path and commit a generated file was produced at. */
  repository?: string;
  path?: string;
  commit?: string;
  license?: string;
}

/** A source some of an estimate's prices came from, and how many components it priced. */
export interface PriceSourceUse extends Partial<Omit<PriceSource, 'kind'>> {
  /** The source's id in the catalog (`ec2-karpenter`, `curated`...). */
  id: string;
  kind?: PriceSource['kind'];
  /** Components priced from it. */
  components: number;
}

/** Infracost's JSON shape, plus Forja's coverage and price dates. */
export interface Estimate {
  version: '0.2';
  currency: 'USD';
  totalMonthlyCost: string;
  projects: CostProject[];
  coverage: Coverage;
  /** The oldest retrieval date of the prices used. */
  pricesRetrievedAt?: string;
  /** Where the prices used came from, oldest first. */
  priceSources: PriceSourceUse[];
  pricingCatalogVersion: string;
}

/** How old an estimate's prices are, and whether that is older than allowed. */
export interface PriceFreshness {
  /** The oldest retrieval date of the prices used. */
  retrievedAt: string;
  ageDays: number;
  maxAgeDays: number;
  stale: boolean;
  sources: PriceSourceUse[];
}
