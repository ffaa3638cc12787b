/**
 * What an entity actually cost, beside its estimate: read from OpenCost (Kubernetes
 * workloads) and the clouds' billing APIs by the tags and labels Forja's templates write.
 */

/** The sources of actual spend, each behind its own `cost.actual.<source>` config. */
export type ActualCostSourceId = 'opencost' | 'aws' | 'azure' | 'gcp';

export const ACTUAL_COST_SOURCES: ActualCostSourceId[] = [
  'opencost',
  'aws',
  'azure',
  'gcp',
];

/**
 * The tag and label keys an entity's spend is found by. The value of the entity key is the
 * entity's name (Forja's templates name resources and workloads after it), the value of
 * the environment key the environment's name. Keys differ where a cloud's charset does:
 * Kubernetes and AWS allow `forja.dev/entity`; Azure tag names refuse `/` and GCP label
 * keys allow only lowercase letters, digits, `_` and `-`, so those two get `forja-dev-entity`.
 */
export const ACTUAL_COST_TAGS: Record<
  ActualCostSourceId,
  { entity: string; environment: string }
> = {
  opencost: {
    entity: 'forja.dev/entity',
    environment: 'forja.dev/environment',
  },
  aws: { entity: 'forja.dev/entity', environment: 'forja.dev/environment' },
  azure: { entity: 'forja-dev-entity', environment: 'forja-dev-environment' },
  gcp: { entity: 'forja-dev-entity', environment: 'forja-dev-environment' },
};

/** How a source fared for this entity. */
export interface ActualCostSourceStatus {
  source: ActualCostSourceId;
  status: 'ok' | 'not-configured' | 'unavailable' | 'credentials-rejected';
  message?: string;
  /** When the numbers were read from the source (ISO time); they are kept for the day. */
  fetchedAt?: string;
  /** With nothing configured: the config keys that connect the source. */
  connect?: { configKeys: string[]; description: string };
}

/** One month's actual spend (USD) of one environment. */
export interface ActualMonth {
  /** `YYYY-MM`. */
  month: string;
  /** USD, two decimals; `null` when no configured source answered for the month. */
  actual: string | null;
  /** The part each source reported. */
  bySource: Partial<Record<ActualCostSourceId, string>>;
}

export interface EnvironmentActualCost {
  environment: string;
  /** The current monthly estimate (USD), when the environment could be estimated. */
  estimate?: string;
  /** The last full month. */
  lastMonth: ActualMonth;
  /** The trend: the last full months, oldest first. */
  months: ActualMonth[];
  /**
   * |actual − estimate| / estimate for the last full month, and whether it exceeds the
   * configured share. Absent when there is no estimate or no actual.
   */
  drift?: { share: number; exceeded: boolean };
}

export interface EntityActualCostResponse {
  entityRef: string;
  currency: 'USD';
  /** The tag or label value the entity's spend is found by (its name). */
  tagValue: string;
  /** The share past which actual and estimate are said to drift (`cost.actual.driftShare`). */
  driftShare: number;
  environments: EnvironmentActualCost[];
  sources: ActualCostSourceStatus[];
  /** An entity whose drift exceeds the share in some environment. */
  drifting: boolean;
}

/**
 * Entities whose actual spend can be read: Components and Resources of the default
 * namespace with something to estimate (their name is the tag value).
 */
export const isActualCostAvailable = (entity: {
  kind: string;
  metadata: { namespace?: string; annotations?: Record<string, string> };
}) =>
  ['component', 'resource'].includes(entity.kind.toLocaleLowerCase('en-US')) &&
  (entity.metadata.namespace ?? 'default') === 'default' &&
  Boolean(
    entity.metadata.annotations?.['forja.dev/terraform-dir']?.trim() ||
      entity.metadata.annotations?.['forja.dev/kustomize-dir']?.trim(),
  );
