import { CellPart } from '@forja/plugin-overview-common';
import { SourceRead } from '../sourceReader';

/** A source's part of each environment's cell of one row. */
export type PartOf<T> = (environment: string) => CellPart<T>;

export const failedPart = <T>(message?: string): CellPart<T> => ({
  state: 'failed',
  message,
});

export const notConfigured = <T>(): CellPart<T> => ({
  state: 'not-configured',
});

/**
 * The part every environment shows when the source has no answer for anyone (it failed
 * or is still pending), else undefined.
 */
export function unanswered<T>(
  result: SourceRead<unknown>,
): PartOf<T> | undefined {
  if (result.state === 'failed') return () => failedPart(result.message);
  if (result.state === 'pending') return () => ({ state: 'pending' });
  return undefined;
}

/**
 * Whether the other backend has anything configured to ask (instances, hosts): a bulk
 * answer says so per entity.
 */
export const bulkConfigured = <T>(
  result: SourceRead<Record<string, T>>,
  response: (entry: T) => { configured: boolean } | undefined,
) =>
  !Object.values(result.value ?? {}).some(
    e => response(e)?.configured === false,
  );
