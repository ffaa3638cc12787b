/** `$1234.50`, or `missing` for what could not be priced. */
export const usd = (value: string | number | null, missing: string) =>
  value === null ? missing : `$${Number(value).toFixed(2)}`;
