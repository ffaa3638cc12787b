import { KarpenterFile, pricesFromKarpenterFile } from './karpenterFile';
import { isPrice, SourcePrices, Upstream } from './sourceFile';

/**
 * `prices/sources/azure-vm-linux-payg.json`: the VM prices Karpenter's Azure provider
 * generates from the Azure Retail Prices API, extracted to JSON with the values unchanged
 * (regions by `armRegionName`).
 */
export type AzureKarpenterFile = KarpenterFile;

export const AZURE_KARPENTER: Upstream = {
  id: 'azure-karpenter',
  file: 'prices/sources/azure-vm-linux-payg.json',
  repository: 'github.com/Azure/karpenter-provider-azure',
  path: 'pkg/providers/pricing/zz_generated.pricing.go',
  commit: '2b431da153a6a92b705c18046512c60b1631b682',
  license: 'Apache-2.0',
};

/** The Windows Server license Azure adds to a Linux VM's price, per vCPU-hour. */
export const WINDOWS_LICENSE_PER_VCPU = 0.046;

/**
 * Sizes whose number is their vCPU count and whose Linux price is the same per vCPU
 * across the series (D, E, F and L, v3 and later; Fsv2): `[family, vCPUs, capability
 * letters, version]`.
 */
const LINEAR_SERIES = /^Standard_([DEFL])(\d+)([a-z]*)_v(\d+)$/;

function linearSeries(
  size: string,
): { series: string; vcpus: number } | undefined {
  const match = LINEAR_SERIES.exec(size);
  if (!match) return undefined;
  const [, family, vcpus, letters, version] = match;
  if (Number(version) < 3 && !(family === 'F' && version === '2')) {
    return undefined;
  }
  return { series: `${family}*${letters}_v${version}`, vcpus: Number(vcpus) };
}

/**
 * Sizes of a linear series whose price is the series' Linux price per vCPU plus the
 * Windows license, to the tenth of a cent: the upstream file carries the Windows price
 * for some sizes (AMD v5 series mostly). Also every size of an AMD series (an `a` among
 * its letters) that costs more per vCPU than its Intel sibling by over half the license:
 * the whole series is the Windows price in that region.
 */
export function windowsPrices(sizes: Record<string, number>): Set<string> {
  const series = new Map<string, Array<[size: string, perVcpu: number]>>();
  for (const [size, usd] of Object.entries(sizes)) {
    const found = linearSeries(size);
    if (!found || !isPrice(usd)) continue;
    const list = series.get(found.series) ?? [];
    list.push([size, usd / found.vcpus]);
    series.set(found.series, list);
  }
  const cheapest = (name: string) =>
    Math.min(...(series.get(name) ?? []).map(([, perVcpu]) => perVcpu));
  const windows = new Set<string>();
  for (const [name, list] of series) {
    const linux = cheapest(name);
    for (const [size, perVcpu] of list) {
      if (Math.abs(perVcpu - linux - WINDOWS_LICENSE_PER_VCPU) <= 0.001) {
        windows.add(size);
      }
    }
    const [family, rest] = name.split('*');
    const letters = rest.replace(/_v\d+$/, '');
    if (!letters.includes('a')) continue;
    const intel = `${family}*${letters.replace('a', '')}${rest.slice(
      letters.length,
    )}`;
    if (
      series.has(intel) &&
      linux - cheapest(intel) > WINDOWS_LICENSE_PER_VCPU / 2
    ) {
      list.forEach(([size]) => windows.add(size));
    }
  }
  return windows;
}

/**
 * Azure VM sizes under `vm:<size>` (Linux, pay-as-you-go, per hour) in every region the
 * file gives, every series included (GPU and HPC sizes too: an AKS pool or a VM of any
 * size is priced by its size alone). Left out: dedicated-host SKUs (names without
 * `Standard_` or `Basic_`) and the Windows prices `windowsPrices` finds.
 */
export function pricesFromAzureKarpenter(
  file: AzureKarpenterFile,
  upstream: Upstream = AZURE_KARPENTER,
): SourcePrices {
  return pricesFromKarpenterFile(file, upstream, {
    cloud: 'azure',
    keyPrefix: 'vm',
    description:
      'Azure Virtual Machines, Linux, pay-as-you-go hourly list prices in USD',
    leaveOut: (_region, sizes) => {
      const windows = windowsPrices(sizes);
      return size => {
        if (!/^(Standard|Basic)_/.test(size))
          return 'a dedicated-host SKU, not a VM size';
        if (!isPrice(sizes[size])) return 'no positive price';
        return windows.has(size)
          ? `a Windows price (the series' Linux price per vCPU + $${WINDOWS_LICENSE_PER_VCPU})`
          : undefined;
      };
    },
  });
}
