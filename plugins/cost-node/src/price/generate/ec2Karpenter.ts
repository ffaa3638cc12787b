import { KarpenterFile, pricesFromKarpenterFile } from './karpenterFile';
import { SourcePrices, Upstream } from './sourceFile';

/**
 * `prices/sources/aws-ec2-linux-ondemand.json`: the EC2 prices Karpenter's AWS provider
 * generates from the AWS pricing API, extracted to JSON with the values unchanged.
 */
export type Ec2KarpenterFile = KarpenterFile;

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
  return pricesFromKarpenterFile(file, upstream, {
    cloud: 'aws',
    keyPrefix: 'ec2',
    description:
      'Amazon EC2 Linux on-demand, shared tenancy, hourly list prices in USD',
  });
}
