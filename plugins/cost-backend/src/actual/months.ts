/** `YYYY-MM` of a date, in UTC. */
export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** The `count` full months before `now`'s month, oldest first. */
export function lastFullMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count; back >= 1; back--) {
    months.push(
      monthOf(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)),
      ),
    );
  }
  return months;
}

/** The first day of a `YYYY-MM` month (`YYYY-MM-01`). */
export const firstDay = (month: string) => `${month}-01`;

/** The first day of the month after `month` (`YYYY-MM-01`): the exclusive end of a period. */
export function dayAfter(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
}
