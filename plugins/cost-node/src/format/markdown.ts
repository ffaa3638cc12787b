import { Estimate } from '../price/estimate';
import { describeSource } from '../price/freshness';
import { usd } from './usd';

const money = (value: string | number | null) => usd(value, 'not priced');

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The estimate as Markdown (`COST.md` in generated repositories): totals per project, the
 * largest components, the cloud comparison and everything the estimate does not cover.
 */
export function formatMarkdown(
  estimate: Estimate,
  title = 'Monthly cost',
): string {
  const lines = [
    `# ${title}`,
    '',
    `Estimated by Forja from what this repository declares, before anything is deployed: **${money(
      estimate.totalMonthlyCost,
    )} a month** (730 hours, on-demand list prices in USD, excluding tax${
      estimate.pricesRetrievedAt
        ? `, prices of ${estimate.pricesRetrievedAt}`
        : ''
    }; pricing catalog ${estimate.pricingCatalogVersion}).`,
    '',
    ...(estimate.priceSources?.length
      ? [
          'Prices from:',
          '',
          ...estimate.priceSources.map(source => `- ${describeSource(source)}`),
          '',
        ]
      : []),
    'Regenerate with `./forja cost <path>` in the Forja repository.',
  ];
  for (const project of estimate.projects) {
    lines.push(
      '',
      `## ${project.name}: ${money(project.breakdown.totalMonthlyCost)}`,
      '',
      '| Resource | Component | Quantity | Monthly cost |',
      '| --- | --- | ---: | ---: |',
    );
    const rows = project.breakdown.resources.flatMap(resource =>
      resource.costComponents.map(component => ({ resource, component })),
    );
    rows.sort(
      (a, b) =>
        Number(b.component.monthlyCost ?? 0) -
        Number(a.component.monthlyCost ?? 0),
    );
    for (const { resource, component } of rows) {
      lines.push(
        `| \`${cell(resource.name)}\` | ${cell(component.name)}${
          component.usageBased ? ' (usage)' : ''
        } | ${component.monthlyQuantity ?? '-'} ${component.unit} | ${money(
          component.monthlyCost,
        )} |`,
      );
    }
    const comparison = project.comparison;
    if (comparison) {
      lines.push(
        '',
        `### The same architecture on each cloud`,
        '',
        `| Role | ${comparison.clouds
          .map(c => `${c.cloud} ${c.region}`)
          .join(' | ')} |`,
        `| --- | ${comparison.clouds.map(() => '---').join(' | ')} |`,
      );
      const roles = comparison.clouds[0]?.items ?? [];
      roles.forEach((item, index) => {
        lines.push(
          `| ${item.role} | ${comparison.clouds
            .map(c => {
              const chosen = c.items[index];
              return `${money(chosen.monthlyCost)}: ${cell(chosen.equivalent)}`;
            })
            .join(' | ')} |`,
        );
      });
      lines.push(
        `| **total** | ${comparison.clouds
          .map(c => `**${money(c.totalMonthlyCost)}**`)
          .join(' | ')} |`,
      );
    }
  }
  const c = estimate.coverage;
  lines.push('', '## Not covered', '');
  const notes = [
    ...c.unsupportedResources.map(
      r => `- Not priced: \`${r.address}\` (${r.resourceType}): ${r.reason}`,
    ),
    ...c.missingPrices.map(
      p =>
        `- No price for \`${p.priceKey}\` in ${p.cloud} ${
          p.region ?? '(unknown region)'
        }: \`${p.address}\` ${p.component}`,
    ),
    ...c.missingUsage.map(
      m => `- Needs usage: \`${m.address}\` ${m.component}`,
    ),
    ...c.assumedUsage.map(
      a =>
        `- Assumed usage: \`${a.address}\` ${a.key} = ${a.value} (give it in a usage file)`,
    ),
    ...c.problems.map(
      p => `- ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`,
    ),
  ];
  lines.push(...(notes.length ? notes : ['Everything declared was priced.']));
  return `${lines.join('\n')}\n`;
}
