import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index';

/** Migrations are listed in code (not read from a folder) so a bundled server carries them. */
class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * `schema` (PostgreSQL only) keeps Kysely's own bookkeeping tables in that schema: without it,
 * two servers migrating different schemas of one database at once see each other's lock table.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new ListedMigrations(), ...(schema ? { migrationTableSchema: schema } : {}) });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely looks for its own tables by listing every schema of the database; a schema dropped
  // at that moment by someone else (parallel test runs, another tenant) fails the listing with
  // "does not exist". Each migration runs in its own transaction, so trying again is safe.
  for (let attempt = 1; error && attempt < 4 && /does not exist/.test(String((error as Error).message)); attempt++) {
    await new Promise((r) => setTimeout(r, 100 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  }
}
