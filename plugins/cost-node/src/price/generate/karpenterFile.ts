import { Cloud } from '../types';
import {
  checkProvenance,
  CloudPrices,
  Exclusion,
  generatedSource,
  isoDate,
  isPrice,
  put,
  SourcePrices,
  Upstream,
} from './sourceFile';

/**
 * A price table a Karpenter provider generates from its cloud's price API
 * (`zz_generated.pricing*.go`), extracted to JSON with the values unchanged.
 */
export interface KarpenterFile {
  about: {
    generated: string;
    source: string;
    license?: string;
    what?: string;
  };
  /** Hourly USD per instance type or VM size, per region. */
  prices: Record<string, Record<string, number>>;
}

/**
 * Every positive hourly price of a Karpenter file under `<keyPrefix>:<name>`, after
 * checking the file names the upstream Forja records for it. `leaveOut` gives, per
 * region, the reason an entry is not a price Forja takes (undefined to take it).
 */
export function pricesFromKarpenterFile(
  file: KarpenterFile,
  upstream: Upstream,
  options: {
    cloud: Cloud;
    keyPrefix: string;
    description: string;
    leaveOut?: (
      region: string,
      names: Record<string, number>,
    ) => (name: string) => string | undefined;
  },
): SourcePrices {
  checkProvenance(upstream, file.about.source, [
    upstream.repository,
    upstream.path,
    upstream.commit,
  ]);
  const prices: CloudPrices = {};
  const excluded: Exclusion[] = [];
  for (const [region, names] of Object.entries(file.prices)) {
    const reasonFor = options.leaveOut?.(region, names);
    for (const [name, usd] of Object.entries(names)) {
      const reason =
        reasonFor?.(name) ?? (isPrice(usd) ? undefined : 'no positive price');
      if (reason) {
        excluded.push({ region, name, reason });
        continue;
      }
      put(prices, options.cloud, region, `${options.keyPrefix}:${name}`, {
        usd,
        unit: 'hour',
        source: upstream.id,
      });
    }
  }
  return {
    id: upstream.id,
    source: generatedSource(
      upstream,
      file.about.what ?? options.description,
      isoDate(file.about.generated),
    ),
    prices,
    excluded,
  };
}
