import { Estimate } from '../price/estimate';
import { describeSource, priceFreshness } from '../price/freshness';
import { usd } from './usd';

const money = (value: string | number | null) => usd(value, '-');

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);
const padStart = (text: string, width: number) =>
  text.length >= width ? text : ' '.repeat(width - text.length) + text;

/**
 * The estimate as a table to read in a terminal, in the spirit of `infracost breakdown`,
 * with how old its prices are and where they came from.
 */
export function formatTable(
  estimate: Estimate,
  options: { maxPriceAgeDays?: number; now?: Date } = {},
): string {
  const lines: string[] = [];
  const row = (name: string, quantity: string, unit: string, cost: string) =>
    lines.push(
      `${pad(name, 72)} ${padStart(quantity, 12)} ${pad(unit, 12)} ${padStart(
        cost,
        12,
      )}`,
    );
  for (const project of estimate.projects) {
    lines.push(`Project: ${project.name}`, '');
    row('Name', 'Monthly Qty', 'Unit', 'Monthly Cost');
    for (const resource of project.breakdown.resources) {
      lines.push('', resource.name);
      resource.costComponents.forEach((c, i) => {
        const last = i === resource.costComponents.length - 1;
        row(
          ` ${last ? '└─' : '├─'} ${c.name}`,
          c.monthlyQuantity ?? (c.usageBased ? 'needs usage' : '-'),
          c.unit,
          money(c.monthlyCost),
        );
      });
    }
    lines.push('');
    row('Project total', '', '', money(project.breakdown.totalMonthlyCost));
    const comparison = project.comparison;
    if (comparison) {
      lines.push(
        '',
        `Same architecture on each cloud (from ${comparison.from.cloud} ${comparison.from.region}):`,
      );
      for (const column of comparison.clouds) {
        lines.push(
          `  ${pad(`${column.cloud} ${column.region}`, 28)} ${money(
            column.totalMonthlyCost,
          )}`,
        );
        for (const item of column.items) {
          lines.push(
            `    ${pad(item.role, 14)} ${pad(money(item.monthlyCost), 11)} ${
              item.equivalent
            }`,
          );
        }
      }
    }
    lines.push('', '');
  }
  lines.push(
    `OVERALL TOTAL ${money(estimate.totalMonthlyCost)} a month (730 hours)`,
  );
  const freshness = priceFreshness(estimate.priceSources ?? [], {
    maxAgeDays: options.maxPriceAgeDays,
    now: options.now,
  });
  if (freshness) {
    lines.push(
      `Prices: catalog ${estimate.pricingCatalogVersion}, retrieved ${freshness.retrievedAt} (${freshness.ageDays} days old)`,
      ...freshness.sources.map(
        source => `  ${describeSource(source, options.now)}`,
      ),
    );
    if (freshness.stale) {
      lines.push(
        `  WARNING: prices older than ${freshness.maxAgeDays} days; refresh them with ./forja cost-prices`,
      );
    }
  }
  const c = estimate.coverage;
  lines.push(
    '',
    `Coverage: ${c.unsupportedResources.length} resources not priced, ${c.missingPrices.length} prices not found, ${c.missingUsage.length} components without usage, ${c.assumedUsage.length} usage values assumed, ${c.freeResources} free resources`,
  );
  for (const r of c.unsupportedResources) {
    lines.push(`  not priced: ${r.address} (${r.resourceType}): ${r.reason}`);
  }
  for (const p of c.missingPrices) {
    lines.push(
      `  no price: ${p.address}: ${p.component} [${p.priceKey} in ${
        p.cloud ?? '?'
      } ${p.region ?? 'unknown region'}]`,
    );
  }
  for (const m of c.missingUsage) {
    lines.push(`  needs usage: ${m.address}: ${m.component}`);
  }
  for (const a of c.assumedUsage) {
    lines.push(`  assumed: ${a.address}: ${a.key} = ${a.value}`);
  }
  for (const p of c.problems) {
    lines.push(
      `  problem: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
