import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTerraform } from '../../hcl/loadTerraform';
import { estimate } from '../estimate';
import { GoldenCase, GoldenTable } from '../generate/infracostGolden';
import { PricingCatalog } from '../types';

type Json = GoldenCase['attributes'][string];

/** Infracost's figure beside Forja's, per case and price key. */
export interface GoldenComparison {
  address: string;
  region: string;
  priceKey: string;
  golden: string;
  infracost: number;
  forja?: number;
  /**
   * `match` within 1% (or 2 cents); `differs`; `no-price` when the catalog lacks the key in
   * that region; `no-component` when Forja prices the resource without that component.
   */
  status: 'match' | 'differs' | 'no-price' | 'no-component';
}

const hclValue = (value: Json): string => {
  if (Array.isArray(value)) return `[${value.map(hclValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)} = ${hclValue(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value).replace(/\$\{/g, '$${');
};

const hclBody = (
  attributes: Record<string, Json>,
  blocks: Record<string, Array<Record<string, Json>>> = {},
  indent = '  ',
): string =>
  [
    ...Object.entries(attributes).map(
      ([k, v]) => `${indent}${k} = ${hclValue(v)}`,
    ),
    ...Object.entries(blocks).flatMap(([name, list]) =>
      list.map(block => {
        const nested = Object.fromEntries(
          Object.entries(block).filter(
            ([, v]) =>
              Array.isArray(v) &&
              v.length > 0 &&
              v.every(i => i && typeof i === 'object' && !Array.isArray(i)),
          ),
        ) as Record<string, Array<Record<string, Json>>>;
        const plain = Object.fromEntries(
          Object.entries(block).filter(([k]) => !(k in nested)),
        );
        return `${indent}${name} {\n${hclBody(
          plain,
          nested,
          `${indent}  `,
        )}\n${indent}}`;
      }),
    ),
  ].join('\n');

const PROVIDER: Record<string, (region: string) => string> = {
  aws: region => `provider "aws" {\n  region = "${region}"\n}\n`,
  google: region => `provider "google" {\n  region = "${region}"\n}\n`,
  azurerm: () => '',
};

/** The Terraform Forja reads for one case: a provider in its region and the resource. */
export function goldenTerraform(c: GoldenCase): string {
  const provider = PROVIDER[c.type.split('_')[0]]?.(c.region) ?? '';
  return `${provider}resource "${c.type}" "golden" {\n${hclBody(
    c.attributes,
    c.blocks,
  )}\n}\n`;
}

const closeEnough = (a: number, b: number) =>
  Math.abs(a - b) <= Math.max(0.02, Math.abs(b) * 0.01);

/** Prices every case with Forja and sets its figure beside Infracost's, per price key. */
export async function compareWithGolden(
  file: GoldenTable,
  catalog: PricingCatalog,
): Promise<GoldenComparison[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'forja-golden-'));
  const comparisons: GoldenComparison[] = [];
  try {
    for (const [index, c] of file.cases.entries()) {
      const caseDir = path.join(dir, String(index));
      await mkdir(caseDir);
      await writeFile(path.join(caseDir, 'main.tf'), goldenTerraform(c));
      const { resources, problems } = await loadTerraform(caseDir);
      const result = estimate({
        project: c.address,
        resources,
        problems,
        catalog,
        usage: {
          resource_usage: c.usage ? { [`${c.type}.golden`]: c.usage } : {},
        },
      });
      const components =
        result.projects[0].breakdown.resources[0]?.costComponents ?? [];
      const keyOf = (k: string | string[]) =>
        typeof k === 'string' ? k : k.join('+');
      const keys = [
        ...new Set(
          c.rows.flatMap(r => (r.priceKey ? [keyOf(r.priceKey)] : [])),
        ),
      ];
      for (const priceKey of keys) {
        const infracost = c.rows
          .filter(r => r.priceKey && keyOf(r.priceKey) === priceKey)
          .reduce((sum, r) => sum + r.monthlyCost, 0);
        const parts = priceKey.split('+');
        const mine = components.filter(k => parts.includes(k.priceKey ?? ''));
        const costs = mine.map(k => k.monthlyCost);
        let status: GoldenComparison['status'];
        let forja: number | undefined;
        if (!mine.length) status = 'no-component';
        else if (mine.some(k => k.price === null)) status = 'no-price';
        else {
          forja = costs.reduce((sum, v) => sum + Number(v ?? 0), 0);
          status = closeEnough(forja, infracost) ? 'match' : 'differs';
        }
        comparisons.push({
          golden: c.golden,
          address: c.address,
          region: c.region,
          priceKey,
          infracost: Math.round(infracost * 100) / 100,
          forja:
            forja === undefined ? undefined : Math.round(forja * 100) / 100,
          status,
        });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return comparisons;
}
