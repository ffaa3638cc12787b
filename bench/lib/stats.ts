/** The middle value of the rounds of a side-by-side benchmark. */
export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
