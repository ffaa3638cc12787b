import type { Estimate, PriceFreshness } from './estimate';

/** One environment of an entity: its estimate, or why there is none. */
export interface EnvironmentCost {
  environment: string;
  status: 'ok' | 'failed';
  /** Why the estimate failed (unreadable source, no Terraform or manifests found). */
  message?: string;
  estimate?: Estimate;
  /** The source revision the estimate was computed from (an ETag or a content digest). */
  revision?: string;
  computedAt?: string;
}

/** A member of a system or group rollup. */
export interface MemberCost {
  entityRef: string;
  title?: string;
  totalMonthlyCost: string;
  environments: Array<{
    environment: string;
    status: 'ok' | 'failed';
    monthlyCost?: string;
    message?: string;
  }>;
}

export interface EntityCostResponse {
  entityRef: string;
  currency: 'USD';
  /** Sum of the environments that could be priced. */
  totalMonthlyCost: string;
  environments: EnvironmentCost[];
  /** Systems and groups: their members' estimates; shared sources counted once. */
  members?: MemberCost[];
  pricesRetrievedAt?: string;
  /** How old the prices of the total are, where they came from, and whether that is too old. */
  priceFreshness?: PriceFreshness;
}
