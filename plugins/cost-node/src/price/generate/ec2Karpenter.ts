import {
  checkProvenance,
  Exclusion,
  generatedSource,
  isoDate,
  isPrice,
  put,
  SourcePrices,
  CloudPrices,
  Upstream,
} from './sourceFile';

/**
 * `prices/sources/aws-ec2-linux-ondemand.json`: the EC2 prices Karpenter's AWS provider
 * generates from the AWS pricing API, extracted to JSON with the values unchanged.
 */
export interface Ec2KarpenterFile {
  about: {
    generated: string;
    source: string;
    license?: string;
    what?: string;
  };
  /** Hourly USD per instance type, per region. */
  prices: Record<string, Record<string, number>>;
}

export const EC2_KARPENTER: Upstream = {
  id: 'ec2-karpenter',
  file: 'prices/sources/aws-ec2-linux-ondemand.json',
  repository: 'github.com/aws/karpenter-provider-aws',
  path: 'pkg/providers/pricing/zz_generated.pricing_aws.go',
  commit: '1d927085dd81a9df9301e613f371dac5b4d16bfe',
  license: 'Apache-2.0',
};

/**
 * EC2 instance types under `ec2:<type>` (Linux, on-demand, shared tenancy, per hour) in
 * every region the file gives: every family, GPU and bare metal included, since an EKS
 * node group or an instance of any type is priced by its type alone.
 */
export function pricesFromEc2Karpenter(
  file: Ec2KarpenterFile,
  upstream: Upstream = EC2_KARPENTER,
): SourcePrices {
  checkProvenance(upstream, file.about.source, [
    upstream.repository,
    upstream.path,
    upstream.commit,
  ]);
  const prices: CloudPrices = {};
  const excluded: Exclusion[] = [];
  for (const [region, types] of Object.entries(file.prices)) {
    for (const [type, usd] of Object.entries(types)) {
      if (!isPrice(usd)) {
        excluded.push({ region, name: type, reason: 'no positive price' });
        continue;
      }
      put(prices, 'aws', region, `ec2:${type}`, {
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
      file.about.what ??
        'Amazon EC2 Linux on-demand, shared tenancy, hourly list prices in USD',
      isoDate(file.about.generated),
    ),
    prices,
    excluded,
  };
}
