import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS = resolvePackagePath(
  '@forja/plugin-overview-backend',
  'migrations',
);

/** The plugin's database with its tables migrated (unless the operator skips migrations). */
export async function migratedDatabase(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip)
    await knex.migrate.latest({ directory: MIGRATIONS });
  return knex;
}

/** A bigint column as a number: PostgreSQL's driver returns int8 as a string. */
export const millis = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);
