/**
 * How far the actual spend is from the estimate, as a share of the estimate, and whether
 * that is more than `maxShare`. Nothing to compare (no estimate, a zero estimate, or no
 * actual) gives undefined: no drift is claimed that the numbers cannot show.
 */
export function drift(
  estimate: number | undefined,
  actual: number | null | undefined,
  maxShare: number,
): { share: number; exceeded: boolean } | undefined {
  if (estimate === undefined || actual === null || actual === undefined) {
    return undefined;
  }
  if (!(estimate > 0)) return undefined;
  const share = Math.abs(actual - estimate) / estimate;
  return { share: Math.round(share * 1000) / 1000, exceeded: share > maxShare };
}
