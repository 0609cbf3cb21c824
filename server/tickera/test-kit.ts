// Test helpers for the Tickera bridge: an event row, connected to a running simulator
// through the real connect use case.
import type { AppDeps } from '../app-env.ts';
import { events } from '../db/schema.ts';
import type { Database } from '../db/client.ts';
import type { TickeraSim } from '../../tickera-sim/server.ts';
import { connectTickera } from './connect.ts';

export async function insertEvent(database: Database, name = 'Lab Fest', ownerId?: string): Promise<string> {
  const [row] = await database.db.insert(events).values({ name, ownerId }).returning({ id: events.id });
  return row!.id;
}

export async function connectedEvent(deps: AppDeps, sim: TickeraSim, options: { writeback?: boolean } = {}): Promise<string> {
  const id = await insertEvent(deps.database);
  await connectTickera(deps, id, { site_url: sim.url, api_key: sim.apiKey, writeback: options.writeback });
  return id;
}

/** Fast retries for tests; fixed paging (page numbers and counts the tests can name). */
export const testSyncSettings = { timeoutMs: 2_000, backoffMs: 5, attempts: 3, flushMs: 20, adaptive: false };
