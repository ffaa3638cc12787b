import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadTerraform } from '../hcl/loadTerraform';
import { loadCatalog } from './catalog';
import { compareClouds, nodePoolsOf } from './compare';

const ROOT = path.resolve(__dirname, '../../../..');

describe('compareClouds', () => {
  it('maps each role to the cheapest equivalent at least as large, in the same geography', async () => {
    const moduleRepositories = {
      'https://github.com/forja-dev/forja.git': ROOT,
    };
    const video = path.join(ROOT, 'examples/systems/video-system');
    const environment = await loadTerraform(
      path.join(video, 'terraform/environments/dev'),
      { moduleRepositories },
    );
    // ms-video's own PostgreSQL, added by add-resource, applied with dev's variables.
    const database = path.join(
      video,
      'services/ms-video/terraform/resources/video-db',
    );
    const ownDatabase = await loadTerraform(database, {
      moduleRepositories,
      variables: JSON.parse(
        await fs.readFile(path.join(database, 'dev.tfvars.json'), 'utf8'),
      ),
    });
    const resources = [...environment.resources, ...ownDatabase.resources];
    const catalog = loadCatalog();
    expect(nodePoolsOf(resources)).toEqual([
      { cloud: 'aws', region: 'us-east-1', machine: 'm6i.large', count: 3 },
    ]);
    const comparison = compareClouds({ resources, catalog })!;
    expect(comparison.from).toEqual({ cloud: 'aws', region: 'us-east-1' });
    expect(comparison.clouds.map(c => [c.cloud, c.region])).toEqual([
      ['aws', 'us-east-1'],
      ['azure', 'eastus'],
      ['gcp', 'us-central1'],
    ]);
    const chosen = (cloud: string, role: string) =>
      comparison.clouds
        .find(c => c.cloud === cloud)!
        .items.find(i => i.role === role)!.equivalent;
    // 3 x m6i.large (2 vCPU, 8 GiB): the cheapest 2 vCPU / 8 GiB machine the catalog prices.
    const azureNodes = Object.entries(catalog.prices.azure!.eastus)
      .filter(([key]) =>
        [
          'vm:Standard_D2s_v5',
          'vm:Standard_D2as_v5',
          'vm:Standard_E2s_v5',
        ].includes(key),
      )
      .sort((a, b) => a[1].usd - b[1].usd)[0][0]
      .slice(3);
    expect(chosen('azure', 'nodes')).toBe(`3 × ${azureNodes} (2 vCPU, 8 GiB)`);
    expect(chosen('gcp', 'nodes')).toBe('3 × e2-standard-2 (2 vCPU, 8 GiB)');
    expect(chosen('aws', 'nodes')).toBe('3 × m6i.large (2 vCPU, 8 GiB)');
    // db.t4g.medium: 2 vCPU, 4 GiB, 50 GB.
    expect(chosen('azure', 'postgres')).toBe(
      'B_Standard_B2s (2 vCPU, 4 GiB), 50 GB',
    );
    expect(chosen('gcp', 'postgres')).toBe(
      'Cloud SQL db-custom-2-4096, 50 GB SSD',
    );
    expect(chosen('azure', 'broker')).toBe('Service Bus Standard namespace');
    // Three ECR repositories need one registry elsewhere.
    const registry = comparison.clouds[1].items.find(
      i => i.role === 'registry',
    )!;
    expect(registry.sources).toHaveLength(3);
    for (const column of comparison.clouds) {
      const sum = column.items.reduce(
        (s, i) => s + Number(i.monthlyCost ?? 0),
        0,
      );
      expect(Math.abs(sum - Number(column.totalMonthlyCost))).toBeLessThan(
        0.05,
      );
      expect(column.coverage.missingPrices).toEqual([]);
    }
  });

  it('says why a role has no equivalent instead of pricing it as zero', async () => {
    const catalog = loadCatalog();
    const comparison = compareClouds({
      resources: [
        {
          address: 'aws_lb.web',
          type: 'aws_lb',
          name: 'web',
          values: { load_balancer_type: 'application' },
          providerRegion: 'sa-east-1',
          file: 'main.tf',
        },
        {
          address: 'aws_eks_node_group.huge',
          type: 'aws_eks_node_group',
          name: 'huge',
          // Larger than any Azure or GCP machine the catalog prices.
          values: {
            instance_types: ['m6i.2xlarge'],
            scaling_config: [{ desired_size: 2 }],
          },
          providerRegion: 'sa-east-1',
          file: 'main.tf',
        },
      ],
      catalog: {
        ...catalog,
        prices: {
          ...catalog.prices,
          gcp: {
            'southamerica-east1': Object.fromEntries(
              Object.entries(catalog.prices.gcp!['southamerica-east1']).filter(
                ([key]) => key !== 'gce:e2-standard-8',
              ),
            ),
          },
        },
      },
    })!;
    const gcp = comparison.clouds.find(c => c.cloud === 'gcp')!;
    expect(gcp.region).toBe('southamerica-east1');
    expect(gcp.items.find(i => i.role === 'load-balancer')).toMatchObject({
      equivalent: 'Load balancer forwarding rule',
    });
    expect(gcp.items.find(i => i.role === 'nodes')).toMatchObject({
      monthlyCost: null,
      equivalent: 'no priced gcp machine has 8 vCPU, 32 GiB',
    });
  });
});
