/** One entity's spend in one environment and month (USD), as a billing double holds it. */
export interface FakeSpend {
  /** The value of the entity tag or label. */
  entity: string;
  /** The value of the environment tag or label; absent: spend without it. */
  environment?: string;
  /** `YYYY-MM`. */
  month: string;
  amount: number;
}

/** Days in a `YYYY-MM` month. */
export function daysIn(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** `YYYY-MM` months `back` months before the one of `now` (1: last month). */
export function monthsAgo(now: Date, back: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
    .toISOString()
    .slice(0, 7);
}
