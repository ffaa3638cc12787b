import { LocalPostgres, startPostgres } from '@forja/test-servers';
import knexFactory, { Knex } from 'knex';
import { migratedDatabase } from '../notifications/database';

/**
 * The plugin's tables, migrated, on SQLite (in memory) and on a real PostgreSQL server:
 * each test file runs its cases on both. `reset` empties the tables between cases.
 */
export function episodeDatabases() {
  let postgres: LocalPostgres | undefined;
  const clients: Knex[] = [];
  const open = async (kind: 'sqlite' | 'postgres'): Promise<Knex> => {
    let knex: Knex;
    if (kind === 'sqlite') {
      knex = knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
    } else {
      postgres ??= await startPostgres();
      knex = knexFactory({
        client: 'pg',
        connection: {
          host: postgres.host,
          port: postgres.port,
          user: postgres.user,
          password: postgres.password,
          database: 'postgres',
        },
      });
    }
    clients.push(knex);
    return migratedDatabase({ getClient: async () => knex });
  };
  return {
    open,
    async reset(knex: Knex) {
      await knex('overview_episodes').delete();
      await knex('overview_pull_requests').delete();
    },
    async close() {
      await Promise.all(clients.map(c => c.destroy()));
      await postgres?.stop();
    },
  };
}
