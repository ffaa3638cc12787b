import {
  EntityCostResponse,
  EnvironmentCost,
  MemberCost,
} from '@forja/plugin-cost-common';
import { combineEstimates } from '@forja/plugin-cost-node';
import { Part } from './part';
import { pricesOf } from './priceFreshness';

/** A monthly amount as the responses carry it: two decimals. */
export const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/**
 * One environment's cost from its parts: the estimates that succeeded combined, and the
 * failures' messages; failed when no part succeeded.
 */
export function environmentCost(
  environment: string,
  parts: Part[],
): EnvironmentCost {
  const ok = parts.filter(p => p.status === 'ok');
  const failed = parts.filter(p => p.status === 'failed');
  const message = failed.map(p => p.message).join('; ') || undefined;
  if (!ok.length) return { environment, status: 'failed', message };
  return {
    environment,
    status: 'ok',
    message,
    estimate: combineEstimates(ok.map(p => p.estimate!)),
    revision: ok.map(p => p.revision).join(','),
    computedAt: ok.map(p => p.computedAt!).sort()[0],
  };
}

/** The response for environments' costs: their total, and how fresh their prices are. */
export function costResponse(
  entityRef: string,
  environments: EnvironmentCost[],
  options: { maxPriceAgeDays: number; members?: MemberCost[] },
): EntityCostResponse {
  const ok = environments.filter(e => e.estimate);
  const prices = pricesOf(environments, {
    maxAgeDays: options.maxPriceAgeDays,
  });
  return {
    entityRef,
    currency: 'USD',
    totalMonthlyCost: money(
      ok.reduce((sum, e) => sum + Number(e.estimate!.totalMonthlyCost), 0),
    ),
    environments,
    members: options.members,
    pricesRetrievedAt: prices.pricesRetrievedAt,
    priceFreshness: prices.priceFreshness,
  };
}

/** A rollup member: its ref and title, and its parts per environment. */
export interface RollupMember {
  entityRef: string;
  title?: string;
  parts: Map<string, Part[]>;
}

/**
 * The parts a rollup counts: one per identity, and none priced over a selection of a
 * folder's modules when the whole folder is counted too (it holds them). Selections of
 * one folder are counted side by side: the environment template's Resources split their
 * folder (see forja.dev/terraform-modules); selections that overlap would count the
 * modules they share twice.
 */
function distinctParts(parts: Map<string, Part>): Part[] {
  return [...parts.values()].filter(p => !p.within || !parts.has(p.within));
}

/**
 * A system's or group's response: each member's cost per environment, and per environment
 * a total that counts a folder several members share once (see distinctParts).
 */
export function rollupResponse(
  entityRef: string,
  members: RollupMember[],
  options: { maxPriceAgeDays: number },
): EntityCostResponse {
  const distinct = new Map<string, Map<string, Part>>();
  const memberCosts: MemberCost[] = members.map(member => {
    const environments = [...member.parts.entries()].map(
      ([environment, parts]) => {
        const perEnvironment = distinct.get(environment) ?? new Map();
        distinct.set(environment, perEnvironment);
        for (const p of parts) perEnvironment.set(p.identity, p);
        const cost = environmentCost(environment, parts);
        return {
          environment,
          status: cost.status,
          monthlyCost: cost.estimate?.totalMonthlyCost,
          message: cost.message,
        };
      },
    );
    return {
      entityRef: member.entityRef,
      title: member.title,
      totalMonthlyCost: money(
        environments.reduce((sum, e) => sum + Number(e.monthlyCost ?? 0), 0),
      ),
      environments,
    };
  });
  const environments = [...distinct.entries()].map(([environment, parts]) =>
    environmentCost(environment, distinctParts(parts)),
  );
  return costResponse(entityRef, environments, {
    maxPriceAgeDays: options.maxPriceAgeDays,
    members: memberCosts,
  });
}
