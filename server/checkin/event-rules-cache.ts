// The event rules a scan is decided by (windows, re-entry, entrances, ticket types), kept
// per app for at most RULES_TTL_MS: at check-in rates the same few rows would otherwise
// be read and planned for every scan. An organiser's change applies within that time.
import type { AppDeps } from '../app-env.ts';
import type { DbOrTx } from '../db/client.ts';
import { loadEventRules, type EventRules } from '../db/repos/check-ins.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';

export const RULES_TTL_MS = 1000;

interface Entry {
  at: number;
  rules: EventRules | undefined;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * Only rules already read are shared. A read still in flight is never handed to another
 * transaction: it runs on its own transaction's connection, queued behind that one's row
 * locks, and a second transaction holding the lock the first waits for would wait for it
 * for ever (seen through pgBouncer: 50 concurrent scans of one ticket hung).
 */
export async function eventRules(deps: Pick<AppDeps, 'database'>, db: DbOrTx, eventId: string): Promise<EventRules | undefined> {
  const cache = getOrInsert(caches, deps, () => new Map<string, Entry>());
  const now = performance.now();
  const hit = cache.get(eventId);
  if (hit && now - hit.at < RULES_TTL_MS) return hit.rules;
  const rules = await loadEventRules(db, eventId);
  if (cache.size > 1000) cache.clear();
  cache.set(eventId, { at: now, rules });
  return rules;
}
