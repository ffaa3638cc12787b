import {
  CostDiff,
  ResourceCostChange,
  SideCoverage,
} from '../diff/diffEstimates';
import { describeSource } from '../price/freshness';
import { markdownCode, markdownText } from './markdownText';

/** The hidden marker that makes the pull request comment the one updated on every run. */
export const COST_COMMENT_MARKER = '<!-- forja-cost -->';

/** At most this many resources and coverage notes are listed; the JSON output has all. */
export const MAX_LISTED = 100;

const usd = (value: number) =>
  `$${Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
const cost = (value: number | null) => (value === null ? '–' : usd(value));
const signed = (value: number) =>
  value === 0 ? '$0.00' : `${value > 0 ? '+' : '−'}${usd(value)}`;
const percent = (before: number, change: number) =>
  before === 0
    ? ''
    : ` (${change > 0 ? '+' : ''}${
        Math.round((change / before) * 1000) / 10
      }%)`;

function headline(diff: CostDiff): string {
  const { before, after, change } = diff.totals;
  if (change === 0) return `Monthly cost unchanged: **${usd(after)}**.`;
  return `Monthly cost will ${change > 0 ? 'increase' : 'decrease'} by **${usd(
    change,
  )}**${percent(before, change)}: ${usd(before)} → ${usd(after)}.`;
}

function resourceRow(row: ResourceCostChange): string {
  return `| ${markdownCode(row.project)} | ${markdownCode(row.address)} | ${
    row.status
  } | ${cost(row.before)} | ${cost(row.after)} | ${signed(row.change)} |`;
}

function listed<T>(items: T[], line: (item: T) => string, what: string) {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED)
    lines.push(
      `- … and ${items.length - MAX_LISTED} more ${what} (see the JSON output)`,
    );
  return lines;
}

function coverageLines(name: string, side: SideCoverage): string[] {
  const summary = `**${name}**: ${side.priced} resource${
    side.priced === 1 ? '' : 's'
  } priced, ${side.free} free, ${side.notPriced.length} not priced${
    side.assumedUsage ? `, ${side.assumedUsage} usage values assumed` : ''
  }${side.problems.length ? `, ${side.problems.length} problems` : ''}.`;
  return [
    summary,
    ...listed(
      side.notPriced,
      n =>
        `- Not priced: ${markdownCode(n.project)} ${markdownCode(n.address)}${
          n.resourceType ? ` (${markdownText(n.resourceType)})` : ''
        }: ${markdownText(n.reason)}`,
      'resources not priced',
    ),
    ...listed(
      side.problems,
      p =>
        `- Problem: ${markdownCode(
          `${p.file}${p.line ? `:${p.line}` : ''}`,
        )}: ${markdownText(p.message)}`,
      'problems',
    ),
  ];
}

/**
 * The pull request comment: the monthly difference per project and per resource (added,
 * removed, changed; unchanged ones counted, not listed), the coverage of both sides and
 * where and when the prices come from. Everything from the pull request is inert text.
 */
export function formatDiffMarkdown(
  diff: CostDiff,
  options: { now?: Date; engineVersion?: string } = {},
): string {
  const lines = [
    COST_COMMENT_MARKER,
    '## Forja cost estimate',
    '',
    headline(diff),
    '',
    '| Project | Before | After | Change |',
    '| --- | ---: | ---: | ---: |',
    ...diff.projects.map(
      p =>
        `| ${markdownCode(p.name)} | ${cost(p.before)} | ${cost(
          p.after,
        )} | ${signed(p.change)} |`,
    ),
    `| **Total** | **${usd(diff.totals.before)}** | **${usd(
      diff.totals.after,
    )}** | **${signed(diff.totals.change)}** |`,
    '',
  ];
  if (diff.resources.length) {
    lines.push(
      `<details open><summary>${diff.resources.length} resource${
        diff.resources.length === 1 ? '' : 's'
      } changing, ${diff.unchanged} unchanged</summary>`,
      '',
      '| Project | Resource | | Before | After | Change |',
      '| --- | --- | --- | ---: | ---: | ---: |',
      ...diff.resources.slice(0, MAX_LISTED).map(resourceRow),
      '',
    );
    if (diff.resources.length > MAX_LISTED) {
      lines.push(
        `… and ${
          diff.resources.length - MAX_LISTED
        } more resources (see the JSON output).`,
        '',
      );
    }
    lines.push('</details>', '');
  } else {
    lines.push(`No resource changes cost (${diff.unchanged} unchanged).`, '');
  }
  lines.push(
    '<details><summary>Coverage</summary>',
    '',
    ...coverageLines('Head', diff.coverage.head),
    '',
    ...coverageLines('Base', diff.coverage.base),
    '',
    '</details>',
    '',
    `Priced offline by Forja's cost engine${
      options.engineVersion ? ` ${markdownText(options.engineVersion)}` : ''
    } from what each side declares: on-demand list prices in USD, 730 hours a month, pricing catalog ${markdownText(
      diff.pricingCatalogVersion,
    )}${
      diff.pricesRetrievedAt ? `, prices of ${diff.pricesRetrievedAt}` : ''
    }.`,
    ...diff.priceSources.map(
      s => `- ${markdownText(describeSource(s, options.now))}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
