// Scratch databases for tests, e2e and benchmarks: a fresh, migrated database on real
// Postgres (TEST_DATABASE_URL) or in-memory PGlite. No test-runner imports here.
// TEST_VIA_PGBOUNCER=1: the Postgres databases are used through a real pgBouncer in
// transaction mode (one per database, started here), as PGBOUNCER=true with a direct
// URL for LISTEN, like a production instance behind pgBouncer.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { startPgBouncer, type PgBouncer } from './pgbouncer.ts';

export type DbKind = 'postgres' | 'pglite';
export const dbKinds: DbKind[] = ['postgres', 'pglite'];

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: DbKind;
  database: Database;
  /** For Postgres: the URL of this file's own database (for a second process or pool). */
  url?: string;
  /** Under TEST_VIA_PGBOUNCER: the pgBouncer that `database` goes through. */
  pgbouncer?: PgBouncer;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(kind: DbKind, options: { max?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite();
    await migrateDatabase(database);
    return { kind, database, drop: () => database.close() };
  }
  const name = `fc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await migrateDatabase({ kind: 'postgres' } as Database, url);
  const viaPgbouncer = ['1', 'true'].includes(process.env.TEST_VIA_PGBOUNCER ?? '');
  const pgbouncer = viaPgbouncer ? await startPgBouncer({ targetUrl: adminUrl, poolSize: options.max ?? 20 }) : undefined;
  const database = pgbouncer
    ? openPostgres({ url: pgbouncer.urlFor(url), pgbouncer: true, directUrl: url, max: options.max ?? 20 })
    : openPostgres({ url, max: options.max ?? 20 });
  return {
    kind,
    database,
    url,
    pgbouncer,
    async drop() {
      await database.close();
      await pgbouncer?.stop();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
