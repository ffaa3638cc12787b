import { memoryCache } from '@forja/test-servers';
import { mockServices } from '@backstage/backend-test-utils';
import { createSwrCache } from '@forja/plugin-forja-node';
import { GrafanaClient } from '../client';
import { GrafanaHostConfig } from '../config';

export const TEST_TOKEN = 'glsa_grafana-token-for-tests';

/** A client of a local Grafana (`apiUrl`), linking on grafana.example.com: for unit tests. */
export function testClient(
  apiUrl: string,
  host: Partial<GrafanaHostConfig> = {},
): GrafanaClient {
  return new GrafanaClient(
    {
      id: 'main',
      domain: 'https://grafana.example.com',
      apiUrl,
      token: TEST_TOKEN,
      embeddable: false,
      alertRulers: ['grafana'],
      ...host,
    },
    {
      timeoutMs: 5000,
      maxConcurrentRequests: 4,
      searchPageSize: 1000,
      searchMaxPages: 10,
      maxResponseBytes: 8 * 1024 * 1024,
    },
  );
}

/** A fresh cache in memory, values fresh for a minute. */
export const testCache = () =>
  createSwrCache({
    cache: memoryCache(),
    logger: mockServices.logger.mock(),
    periods: { freshMs: 60_000, ttlMs: 600_000 },
  });
