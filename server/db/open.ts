// Chooses the driver from the configuration and brings the schema up to date.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/** The database is gone with its thread: say so in one line and exit, for the supervisor to restart us. */
function exitOnWorkerDeath(err: Error): void {
  console.error(`FastCheck: ${err.message}; exiting so the supervisor restarts the server`);
  process.exit(1);
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseDirectUrl' | 'pgbouncer' | 'dataDir'> & Partial<Pick<Config, 'pgliteInWorker'>>,
): Promise<Database> {
  if (config.databaseUrl) {
    // Migrations hold a session advisory lock, which a transaction-mode pgBouncer cannot
    // keep: they go over the direct URL when there is one.
    await migrateDatabase({ kind: 'postgres' } as Database, config.databaseDirectUrl ?? config.databaseUrl);
    return openPostgres({ url: config.databaseUrl, pgbouncer: config.pgbouncer, directUrl: config.databaseDirectUrl });
  }
  const database = await openPglite(join(config.dataDir, 'pglite'), { inWorker: config.pgliteInWorker, onWorkerExit: exitOnWorkerDeath });
  await migrateDatabase(database);
  return database;
}
