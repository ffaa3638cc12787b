import { ActualCostSourceId } from '@forja/plugin-cost-common';

/** One environment's spend in one month, as a source reports it. */
export interface SpendRow {
  environment: string;
  /** `YYYY-MM`. */
  month: string;
  amount: number;
  currency: string;
}

/** What a source is asked: the entity's tag value and the months (oldest first). */
export interface SpendQuery {
  /** The value of the entity tag or label: the entity's name. */
  entity: string;
  /** `YYYY-MM`, consecutive, oldest first. */
  months: string[];
}

/** A configured source of actual spend. */
export interface ActualCostSource {
  id: ActualCostSourceId;
  /** The entity's spend per environment and month; fails as an upstream failure. */
  spend(query: SpendQuery): Promise<SpendRow[]>;
}
