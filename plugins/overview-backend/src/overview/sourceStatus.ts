import {
  OverviewSourceId,
  OverviewSourceStatus,
} from '@forja/plugin-overview-common';
import { SourceRead } from './sourceReader';

/**
 * How a source answered this view: failed or pending as read, not configured, or as
 * read unless some of its instances, hosts or clusters failed (their messages, once each).
 */
export function sourceStatus(
  source: OverviewSourceId,
  result: SourceRead<unknown>,
  failures: string[],
  configured = true,
): OverviewSourceStatus {
  if (result.state === 'failed')
    return { source, state: 'failed', message: result.message };
  if (result.state === 'pending') return { source, state: 'pending' };
  if (!configured) return { source, state: 'not-configured' };
  return {
    source,
    state: failures.length ? 'failed' : result.state,
    message: failures.length ? [...new Set(failures)].join('; ') : undefined,
    fetchedAt: result.fetchedAt,
  };
}
