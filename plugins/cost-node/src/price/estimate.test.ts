import { PricingCatalog } from './types';
import { priceTerraform, testPrices } from './__fixtures__/testPrices';

// Test prices: the engine's arithmetic is checked against bills computed by hand below.
const catalog: PricingCatalog = {
  version: 'test',
  prices: {
    aws: {
      'us-east-1': testPrices({
        'ec2:m6i.large': 0.096,
        'ebs:gp2': 0.1,
        'ebs:gp3': 0.08,
        'eks:cluster': 0.1,
        'nat:hour': 0.045,
        'nat:gb': 0.045,
        'rds:postgres:multi-az:db.m6g.large': 0.304,
        'rds:storage:gp3:multi-az': 0.23,
      }),
    },
  },
};

const priced = (tf: string, usage = {}) => priceTerraform(tf, catalog, usage);

const PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n';

describe('estimate', () => {
  it('reproduces a hand-computed bill', async () => {
    const result = await priced(
      `${PROVIDER}
resource "aws_eks_cluster" "main" {
  name = "video"
}
resource "aws_eks_node_group" "workers" {
  instance_types = ["m6i.large"]
  disk_size      = 50
  scaling_config {
    desired_size = 3
  }
}
resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  multi_az          = true
  storage_type      = "gp3"
  allocated_storage = 100
}
resource "aws_nat_gateway" "nat" {}
resource "aws_vpc" "main" {}
resource "aws_kinesis_stream" "q" {}
`,
      {
        resource_usage: {
          'aws_nat_gateway.nat': { monthly_data_processed_gb: 200 },
        },
      },
    );
    // EKS 730 x 0.10 = 73; nodes 3 x 730 x 0.096 = 210.24, disks 150 GB x 0.10 (gp2) = 15;
    // RDS 730 x 0.304 = 221.92, storage 100 x 0.23 = 23; NAT 730 x 0.045 = 32.85 + 200 x 0.045 = 9.
    expect(result.totalMonthlyCost).toBe('585.01');
    const byName = Object.fromEntries(
      result.projects[0].breakdown.resources.map(r => [r.name, r.monthlyCost]),
    );
    expect(byName).toEqual({
      'aws_db_instance.db': '244.92',
      'aws_eks_cluster.main': '73',
      'aws_eks_node_group.workers': '225.24',
      'aws_nat_gateway.nat': '41.85',
    });
    expect(result.coverage.freeResources).toBe(1);
    expect(result.coverage.unsupportedResources).toEqual([
      {
        address: 'aws_kinesis_stream.q',
        resourceType: 'aws_kinesis_stream',
        reason: 'Forja has no price model for this resource type',
      },
    ]);
    expect(result.pricesRetrievedAt).toBe('2026-11-01');
  });

  it('says "price not found" and which usage it assumed instead of a wrong total', async () => {
    const result = await priced(`${PROVIDER}
resource "aws_instance" "odd" {
  instance_type = "x9.huge"
}
resource "aws_nat_gateway" "nat" {}
`);
    const odd = result.projects[0].breakdown.resources.find(
      r => r.name === 'aws_instance.odd',
    )!;
    expect(odd.costComponents[0]).toMatchObject({
      price: null,
      monthlyCost: null,
    });
    expect(result.coverage.missingPrices).toEqual([
      {
        address: 'aws_instance.odd',
        cloud: 'aws',
        component: 'Instance usage (Linux, on-demand, x9.huge)',
        priceKey: 'ec2:x9.huge',
        region: 'us-east-1',
      },
    ]);
    expect(result.coverage.assumedUsage).toEqual([
      {
        address: 'aws_nat_gateway.nat',
        key: 'monthly_data_processed_gb',
        value: 100,
      },
    ]);
    // 8 GB gp2 root volume (0.80) + NAT hours (32.85) + the assumed 100 GB (4.5); nothing for
    // the instance without a price.
    expect(result.totalMonthlyCost).toBe('38.15');
  });
});
