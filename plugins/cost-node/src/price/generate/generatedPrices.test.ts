import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../catalog';
import { priceTerraform } from '../__fixtures__/testPrices';
import { PRICES_DIR } from './buildCatalog';

// The figures are read from the source files themselves, not typed here.
const sources = path.join(PRICES_DIR, 'sources');
const aws = JSON.parse(
  readFileSync(path.join(sources, 'aws-ec2-linux-ondemand.json'), 'utf8'),
);
const azure = JSON.parse(
  readFileSync(path.join(sources, 'azure-vm-linux-payg.json'), 'utf8'),
);
const gcp = parse(readFileSync(path.join(sources, 'gcp-pricing.yml'), 'utf8'));
const catalog = loadCatalog();

/** The component priced under `priceKey`, and its price and the price's source. */
async function priced(tf: string, priceKey: string) {
  const estimate = await priceTerraform(tf, catalog);
  expect(
    estimate.coverage.missingPrices.filter(m => m.priceKey === priceKey),
  ).toEqual([]);
  const [resource] = estimate.projects[0].breakdown.resources;
  const component = resource.costComponents.find(c => c.priceKey === priceKey)!;
  const { cloud, region } = resource.metadata;
  const price = catalog.prices[cloud!]![region!][priceKey];
  return {
    estimate,
    component,
    price,
    source: catalog.sources![price.source],
  };
}

describe('generated prices', () => {
  it.each([
    ['westeurope', 'Standard_D4s_v3'],
    ['westeurope', 'Standard_D2s_v3'],
    ['eastus', 'Standard_D4s_v3'],
    ['eastus', 'Standard_D2s_v3'],
  ])(
    'prices an AKS pool of %s %s from the Azure file',
    async (region, size) => {
      const { estimate, component, price, source } = await priced(
        `
resource "azurerm_kubernetes_cluster" "aks" {
  location = "${region}"
  default_node_pool {
    vm_size    = "${size}"
    node_count = 3
  }
}
`,
        `vm:${size}`,
      );
      const usd = azure.prices[region][size];
      expect(component.price).toBe(String(usd));
      expect(component.monthlyCost).toBe(
        String(Math.round(3 * 730 * usd * 1e4) / 1e4),
      );
      expect(price).toEqual({ usd, unit: 'hour', source: 'azure-karpenter' });
      expect(source).toMatchObject({
        kind: 'generated',
        file: 'prices/sources/azure-vm-linux-payg.json',
        repository: 'github.com/Azure/karpenter-provider-azure',
        commit: '2b431da153a6a92b705c18046512c60b1631b682',
        retrievedAt: '2026-06-18',
      });
      expect(estimate.pricesRetrievedAt).toBe('2026-06-18');
    },
  );

  it('prices a GKE pool of n1-standard-4 in southamerica-east1 from the GCP file', async () => {
    const { component, price, source } = await priced(
      `
resource "google_container_node_pool" "pool" {
  location   = "southamerica-east1-a"
  node_count = 2
  node_config {
    machine_type = "n1-standard-4"
  }
}
`,
      'gce:n1-standard-4',
    );
    // Running all month, N1 gets its sustained-use discount: the file's month / 730.
    const usd =
      gcp.compute.instance['n1-standard-4'].cost['southamerica-east1'].month /
      730;
    expect(usd).toBeCloseTo(0.2111165, 7);
    expect(component.price).toBe(String(usd));
    expect(price.source).toBe('gcp-cyclenerd');
    expect(source).toMatchObject({
      kind: 'generated',
      file: 'prices/sources/gcp-pricing.yml',
      repository: 'github.com/Cyclenerd/google-cloud-pricing-cost-calculator',
      commit: 'fd66b26ff84fee5cdd94f341ea89206e76c06b99',
      retrievedAt: '2026-07-30',
    });
  });

  it.each(['m5.large', 'm4.large'])(
    'prices an %s instance in us-east-1 from the EC2 file',
    async type => {
      const { component, price, source } = await priced(
        `
provider "aws" {
  region = "us-east-1"
}
resource "aws_instance" "vm" {
  instance_type = "${type}"
}
`,
        `ec2:${type}`,
      );
      const usd = aws.prices['us-east-1'][type];
      expect(component.price).toBe(String(usd));
      expect(price).toEqual({ usd, unit: 'hour', source: 'ec2-karpenter' });
      expect(source).toMatchObject({
        kind: 'generated',
        file: 'prices/sources/aws-ec2-linux-ondemand.json',
        repository: 'github.com/aws/karpenter-provider-aws',
        commit: '1d927085dd81a9df9301e613f371dac5b4d16bfe',
        retrievedAt: '2026-07-20',
      });
    },
  );
});
