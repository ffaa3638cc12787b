import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AzureKarpenterFile,
  pricesFromAzureKarpenter,
  windowsPrices,
} from './azureKarpenter';

// Entries cut unchanged from prices/sources/azure-vm-linux-payg.json.
const fragment: AzureKarpenterFile = JSON.parse(
  readFileSync(
    path.join(__dirname, '__fixtures__', 'azure-vm-linux-payg.fragment.json'),
    'utf8',
  ),
);

const usd = (prices: Record<string, { usd: number }>) =>
  Object.fromEntries(Object.entries(prices).map(([k, p]) => [k, p.usd]));

describe('pricesFromAzureKarpenter', () => {
  it('prices VM sizes per region under vm:<size>, with their source', () => {
    const { prices } = pricesFromAzureKarpenter(fragment);
    expect(usd(prices.azure!.westeurope)).toEqual({
      'vm:Standard_D2s_v3': 0.12,
      'vm:Standard_D4s_v3': 0.24,
    });
    expect(usd(prices.azure!.eastus)).toEqual({
      'vm:Basic_A0': 0.018,
      'vm:Standard_D2s_v3': 0.096,
      'vm:Standard_D4s_v3': 0.192,
      'vm:Standard_D4as_v5': 0.172,
      'vm:Standard_D8as_v5': 0.344,
      'vm:Standard_NC6s_v3': 3.06,
    });
    expect(prices.azure!.eastus['vm:Standard_D4s_v3']).toEqual({
      usd: 0.192,
      unit: 'hour',
      source: 'azure-karpenter',
    });
  });

  it('leaves out dedicated hosts and Windows prices, saying why', () => {
    const { excluded } = pricesFromAzureKarpenter(fragment);
    expect(excluded).toEqual([
      {
        region: 'eastus',
        name: 'Dadsv5_Type1',
        reason: 'a dedicated-host SKU, not a VM size',
      },
      // 0.178 = 2 x (0.172 / 4 + 0.046): the Linux price plus the Windows license.
      {
        region: 'eastus',
        name: 'Standard_D2as_v5',
        reason: "a Windows price (the series' Linux price per vCPU + $0.046)",
      },
      // The whole Dasv5 series costs more per vCPU than Dsv5 by about the license.
      ...['Standard_D2as_v5', 'Standard_D4as_v5'].map(name => ({
        region: 'malaysiawest',
        name,
        reason: "a Windows price (the series' Linux price per vCPU + $0.046)",
      })),
    ]);
  });

  it('takes sizes outside the linear series as they are', () => {
    expect(
      windowsPrices({
        Standard_B1s: 0.0104,
        Standard_B2s: 0.0416,
        Standard_D11_v2: 0.185,
        Standard_D2_v2: 0.146,
      }),
    ).toEqual(new Set());
  });

  it('carries the upstream repository, path, commit and generation date', () => {
    expect(pricesFromAzureKarpenter(fragment).source).toMatchObject({
      kind: 'generated',
      retrievedAt: '2026-06-18',
      file: 'prices/sources/azure-vm-linux-payg.json',
      repository: 'github.com/Azure/karpenter-provider-azure',
      path: 'pkg/providers/pricing/zz_generated.pricing.go',
      commit: '2b431da153a6a92b705c18046512c60b1631b682',
      license: 'Apache-2.0',
    });
  });
});
