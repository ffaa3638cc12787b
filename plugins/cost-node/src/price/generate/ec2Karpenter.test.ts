import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EC2_KARPENTER,
  Ec2KarpenterFile,
  pricesFromEc2Karpenter,
} from './ec2Karpenter';

// Entries cut unchanged from prices/sources/aws-ec2-linux-ondemand.json.
const fragment: Ec2KarpenterFile = JSON.parse(
  readFileSync(
    path.join(
      __dirname,
      '__fixtures__',
      'aws-ec2-linux-ondemand.fragment.json',
    ),
    'utf8',
  ),
);

describe('pricesFromEc2Karpenter', () => {
  it('prices every instance type of the file per hour, under ec2:<type>', () => {
    const { prices, excluded } = pricesFromEc2Karpenter(fragment);
    expect(prices).toEqual({
      aws: {
        'us-east-1': {
          'ec2:m4.large': { usd: 0.1, unit: 'hour', source: 'ec2-karpenter' },
          'ec2:m5.large': { usd: 0.096, unit: 'hour', source: 'ec2-karpenter' },
          'ec2:m5.metal': { usd: 4.608, unit: 'hour', source: 'ec2-karpenter' },
          'ec2:p3.2xlarge': {
            usd: 3.06,
            unit: 'hour',
            source: 'ec2-karpenter',
          },
          'ec2:t3.medium': {
            usd: 0.0416,
            unit: 'hour',
            source: 'ec2-karpenter',
          },
        },
      },
    });
    expect(excluded).toEqual([]);
  });

  it('carries the upstream repository, path, commit and generation date', () => {
    expect(pricesFromEc2Karpenter(fragment).source).toEqual({
      kind: 'generated',
      description:
        'Amazon EC2 Linux on-demand, shared tenancy, hourly list prices in USD',
      retrievedAt: '2026-07-20',
      file: 'prices/sources/aws-ec2-linux-ondemand.json',
      repository: 'github.com/aws/karpenter-provider-aws',
      path: 'pkg/providers/pricing/zz_generated.pricing_aws.go',
      commit: '1d927085dd81a9df9301e613f371dac5b4d16bfe',
      license: 'Apache-2.0',
    });
  });

  it('refuses a file generated at another commit than the one recorded', () => {
    expect(() =>
      pricesFromEc2Karpenter(fragment, {
        ...EC2_KARPENTER,
        commit: '0000000000000000000000000000000000000000',
      }),
    ).toThrow(/not 0000000000000000000000000000000000000000/);
  });
});
