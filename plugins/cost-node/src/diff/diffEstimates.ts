import { Coverage } from '../price/estimate';
import { mergeSources, oldestDate, PriceSourceUse } from '../price/pricesUsed';
import { PricedProject } from './priceCheckout';

/** What a pull request does to one resource's monthly cost. */
export interface ResourceCostChange {
  project: string;
  address: string;
  resourceType: string;
  status: 'added' | 'removed' | 'changed';
  /** USD a month on the base, `null` when the base does not declare it. */
  before: number | null;
  /** USD a month on the head, `null` when the head does not declare it. */
  after: number | null;
  change: number;
}

/** What one side's estimate leaves out, and why. */
export interface SideCoverage {
  /** Resources priced completely. */
  priced: number;
  /** Resources that cost nothing by themselves (IAM, networking glue). */
  free: number;
  notPriced: Array<{
    project: string;
    address: string;
    resourceType?: string;
    reason: string;
  }>;
  /** Usage values the estimate assumed because no usage file gave them. */
  assumedUsage: number;
  problems: Array<{
    project: string;
    file: string;
    line?: number;
    message: string;
  }>;
}

/** The monthly cost of a pull request's base and head, resource by resource. */
export interface CostDiff {
  currency: 'USD';
  totals: { before: number; after: number; change: number };
  projects: Array<{
    name: string;
    before: number | null;
    after: number | null;
    change: number;
  }>;
  /** Added, removed and changed resources, by project then address. */
  resources: ResourceCostChange[];
  /** Resources on both sides at the same cost (not listed). */
  unchanged: number;
  coverage: { base: SideCoverage; head: SideCoverage };
  pricingCatalogVersion: string;
  /** The oldest date of the prices used on either side. */
  pricesRetrievedAt?: string;
  priceSources: PriceSourceUse[];
}

/** Cents: costs are compared and summed as the comment shows them. */
const cents = (value: number) => Math.round(value * 100) / 100;

const byName = <T extends { name: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : Number(a.name > b.name);

/** Resource costs of one side, by project and address. */
function resourceCosts(projects: PricedProject[]) {
  const costs = new Map<
    string,
    { project: string; address: string; type: string; cost: number }
  >();
  for (const { name, estimate } of projects) {
    for (const project of estimate.projects) {
      for (const resource of project.breakdown.resources) {
        costs.set(`${name}\0${resource.name}`, {
          project: name,
          address: resource.name,
          type: resource.resourceType,
          cost: cents(Number(resource.monthlyCost ?? 0)),
        });
      }
    }
  }
  return costs;
}

/** Checkout-relative file names: the runner's paths are nobody's business. */
const relativeFile = (file: string, checkout?: string) =>
  checkout && file.startsWith(`${checkout}/`)
    ? file.slice(checkout.length + 1)
    : file;

function sideCoverage(
  projects: PricedProject[],
  checkout?: string,
): SideCoverage {
  const side: SideCoverage = {
    priced: 0,
    free: 0,
    notPriced: [],
    assumedUsage: 0,
    problems: [],
  };
  for (const { name, estimate } of projects) {
    const c: Coverage = estimate.coverage;
    const incomplete = new Map<string, string>();
    for (const p of c.missingPrices) {
      incomplete.set(
        p.address,
        `no price for ${p.priceKey} in ${p.cloud} ${
          p.region ?? '(unknown region)'
        } (${p.component})`,
      );
    }
    for (const m of c.missingUsage) {
      if (!incomplete.has(m.address))
        incomplete.set(m.address, `needs usage: ${m.component}`);
    }
    for (const r of c.unsupportedResources) {
      side.notPriced.push({
        project: name,
        address: r.address,
        resourceType: r.resourceType,
        reason: r.reason,
      });
    }
    for (const [address, reason] of incomplete) {
      side.notPriced.push({ project: name, address, reason });
    }
    const resources = estimate.projects.flatMap(p => p.breakdown.resources);
    side.priced += resources.filter(r => !incomplete.has(r.name)).length;
    side.free += c.freeResources;
    side.assumedUsage += c.assumedUsage.length;
    side.problems.push(
      ...c.problems.map(p => ({
        project: name,
        file: relativeFile(p.file, checkout),
        ...(p.line ? { line: p.line } : {}),
        message: p.message,
      })),
    );
  }
  side.notPriced.sort(
    (a, b) =>
      a.project.localeCompare(b.project) || a.address.localeCompare(b.address),
  );
  return side;
}

const total = (projects: PricedProject[]) =>
  cents(
    projects.reduce((sum, p) => sum + Number(p.estimate.totalMonthlyCost), 0),
  );

/**
 * Compares the estimates of a pull request's base and head: every resource added, removed
 * or changing in cost, in a stable order (project, then address), with the totals per
 * project and overall, and what each side could not price.
 */
export function diffEstimates(
  base: PricedProject[],
  head: PricedProject[],
  checkouts: { base?: string; head?: string } = {},
): CostDiff {
  const before = resourceCosts(base);
  const after = resourceCosts(head);
  const resources: ResourceCostChange[] = [];
  let unchanged = 0;
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(key);
    const a = after.get(key);
    const change = cents((a?.cost ?? 0) - (b?.cost ?? 0));
    if (a && b && change === 0) {
      unchanged++;
      continue;
    }
    const known = (a ?? b)!;
    let status: ResourceCostChange['status'] = 'changed';
    if (!b) status = 'added';
    else if (!a) status = 'removed';
    resources.push({
      project: known.project,
      address: known.address,
      resourceType: known.type,
      status,
      before: b ? b.cost : null,
      after: a ? a.cost : null,
      change,
    });
  }
  const names = [...new Set([...base, ...head].map(p => p.name))].sort();
  const projectTotal = (side: PricedProject[], name: string) => {
    const project = side.find(p => p.name === name);
    return project ? total([project]) : null;
  };
  // The head's prices (what the pull request would cost), else the base's.
  const priceSources = mergeSources(
    (head.length ? head : base).map(p => p.estimate.priceSources ?? []),
  );
  const totals = { before: total(base), after: total(head) };
  return {
    currency: 'USD',
    totals: { ...totals, change: cents(totals.after - totals.before) },
    projects: names
      .map(name => {
        const b = projectTotal(base, name);
        const a = projectTotal(head, name);
        return {
          name,
          before: b,
          after: a,
          change: cents((a ?? 0) - (b ?? 0)),
        };
      })
      .sort(byName),
    resources,
    unchanged,
    coverage: {
      base: sideCoverage(base, checkouts.base),
      head: sideCoverage(head, checkouts.head),
    },
    pricingCatalogVersion:
      (head[0] ?? base[0])?.estimate.pricingCatalogVersion ?? '',
    pricesRetrievedAt: oldestDate(priceSources),
    priceSources,
  };
}
