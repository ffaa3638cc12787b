import {
  LocalPostgres,
  LocalRedis,
  startPostgres,
  startRedis,
} from '@forja/test-servers';
import { Client } from 'pg';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';

/**
 * Boots the real backend with app-config.production.yaml against a real PostgreSQL server
 * and Redis, then reads the demo catalog back through its API.
 */
describe('the backend on its production configuration', () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let backend: BackendProcess;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    backend = await startBackendProcess({ postgres, redis });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await Promise.all([postgres?.stop(), redis?.stop()]);
  }, 60_000);

  it('stores the catalog in PostgreSQL and serves it back', async () => {
    const entity = await backend.waitForJson(
      '/api/catalog/entities/by-name/component/default/ms-auth',
    );
    expect(entity.metadata.annotations['backstage.io/kubernetes-id']).toBe(
      'ms-auth',
    );

    const client = new Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: 'backstage_plugin_catalog',
    });
    await client.connect();
    try {
      const rows = await client.query(
        "select count(*)::int as n from final_entities where entity_ref = 'component:default/ms-auth'",
      );
      expect(rows.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }

    const readiness = await fetch(
      `${backend.baseUrl}/.backstage/health/v1/readiness`,
    );
    expect(readiness.status).toBe(200);
  }, 180_000);

  it('rejects catalog reads without credentials', async () => {
    const response = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(response.status).toBe(401);
  });
});
