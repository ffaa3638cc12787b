import { loadCatalog } from '../price/catalog';
import { estimate } from '../price/estimate';
import { readPlan, TerraformPlan } from './readPlan';

// The shape of `terraform show -json` (format 1.2): planned values per module.
const PLAN: TerraformPlan = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_eks_cluster.main',
          mode: 'managed',
          type: 'aws_eks_cluster',
          name: 'main',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          values: { name: 'shop' },
        },
        {
          address: 'data.aws_caller_identity.me',
          mode: 'data',
          type: 'aws_caller_identity',
          name: 'me',
          values: {},
        },
      ],
      child_modules: [
        {
          address: 'module.db',
          resources: [
            {
              address: 'module.db.aws_db_instance.this',
              mode: 'managed',
              type: 'aws_db_instance',
              name: 'this',
              values: {
                engine: 'postgres',
                instance_class: 'db.t4g.medium',
                allocated_storage: 50,
                storage_type: 'gp3',
                multi_az: false,
              },
            },
          ],
        },
      ],
    },
  },
  configuration: {
    provider_config: {
      aws: {
        name: 'aws',
        full_name: 'registry.terraform.io/hashicorp/aws',
        expressions: { region: { constant_value: 'sa-east-1' } },
      },
    },
  },
};

describe('readPlan', () => {
  it('reads managed resources of every module with the provider region', () => {
    const resources = readPlan(PLAN, 'plan.json');
    expect(resources.map(r => [r.address, r.providerRegion])).toEqual([
      ['aws_eks_cluster.main', 'sa-east-1'],
      ['module.db.aws_db_instance.this', 'sa-east-1'],
    ]);
    const catalog = loadCatalog();
    const prices = catalog.prices.aws!['sa-east-1'];
    const result = estimate({ project: 'plan', resources, catalog });
    const expected =
      730 * prices['eks:cluster'].usd +
      730 * prices['rds:postgres:single-az:db.t4g.medium'].usd +
      50 * prices['rds:storage:gp3:single-az'].usd;
    expect(Number(result.totalMonthlyCost)).toBeCloseTo(expected, 4);
  });
});
