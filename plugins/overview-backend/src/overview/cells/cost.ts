import { CostCellValue } from '@forja/plugin-overview-common';
import { ComponentCost } from '../../sources';
import { SourceRead } from '../sourceReader';
import { failedPart, PartOf, unanswered } from './common';

export type CostAnswer = SourceRead<Record<string, ComponentCost>>;

/** The environments the entity has a cost in. */
export const costEnvironments = (result: CostAnswer, ref: string): string[] =>
  Object.keys(result.value?.[ref]?.environments ?? {});

/** The entity's monthly cost in each environment. */
export function costPart(
  result: CostAnswer,
  ref: string,
): PartOf<CostCellValue> {
  const missing = unanswered<CostCellValue>(result);
  if (missing) return missing;
  const own = result.value?.[ref];
  if (!own) return () => ({ state: 'none' });
  if (own.error) return () => failedPart(own.error);
  return env => {
    const cost = own.environments[env];
    if (!cost) return { state: 'none' };
    if (!cost.monthlyCost) return failedPart(cost.message);
    return {
      state: result.state,
      fetchedAt: result.fetchedAt,
      value: { monthlyCost: cost.monthlyCost },
    };
  };
}
