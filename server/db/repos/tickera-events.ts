// The Tickera columns of `events`: the connection (site, encrypted key, cached UTC
// window, write-back flag) and the last successful sync. Only this bridge writes them.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { events } from '../schema.ts';

export interface TickeraEvent {
  id: string;
  name: string;
  location: string;
  timezone: string;
  startsAt: Date | null;
  endsAt: Date | null;
  archivedAt: Date | null;
  siteUrl: string | null;
  apiKeyEnc: string | null;
  /** The Tickera event taken from a multi-event key; null: every ticket the key serves. */
  eventTitle: string | null;
  startConfirmed: boolean;
  endConfirmed: boolean;
  writeback: boolean;
  lastSyncedAt: Date | null;
}

const columns = {
  id: events.id,
  name: events.name,
  location: events.location,
  timezone: events.timezone,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  archivedAt: events.archivedAt,
  siteUrl: events.tickeraSiteUrl,
  apiKeyEnc: events.tickeraApiKeyEnc,
  eventTitle: events.tickeraEventTitle,
  startConfirmed: events.tickeraStartConfirmed,
  endConfirmed: events.endConfirmed,
  writeback: events.tickeraWriteback,
  lastSyncedAt: events.lastSyncedAt,
};

export async function findTickeraEvent(db: DbOrTx, id: string): Promise<TickeraEvent | undefined> {
  const rows = await db.select(columns).from(events).where(eq(events.id, id));
  return rows[0];
}

/** Connected, not archived events, with the start of their latest sync run (for the scheduler). */
export async function listConnectedEvents(db: DbOrTx): Promise<Array<TickeraEvent & { lastRunAt: Date | null }>> {
  const rows = await db
    .select({
      ...columns,
      lastRunAt: sql<Date | null>`(select max(r.started_at) from sync_runs r where r.event_id = "events"."id")`.mapWith(events.lastSyncedAt),
    })
    .from(events)
    .where(and(isNotNull(events.tickeraSiteUrl), isNotNull(events.tickeraApiKeyEnc), isNull(events.archivedAt)));
  return rows;
}

export interface TickeraConnectionUpdate {
  siteUrl: string;
  apiKeyEnc: string;
  startsAt: Date | null;
  endsAt: Date | null;
  startConfirmed: boolean;
  endConfirmed: boolean;
  timezone?: string;
  location?: string;
  writeback: boolean;
}

export async function saveTickeraConnection(db: DbOrTx, id: string, c: TickeraConnectionUpdate): Promise<void> {
  await db
    .update(events)
    .set({
      source: 'tickera',
      tickeraSiteUrl: c.siteUrl,
      tickeraApiKeyEnc: c.apiKeyEnc,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      tickeraStartConfirmed: c.startConfirmed,
      endConfirmed: c.endConfirmed,
      tickeraWriteback: c.writeback,
      ...(c.timezone ? { timezone: c.timezone } : {}),
      ...(c.location ? { location: c.location } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(events.id, id));
}

export async function markEventSynced(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(events).set({ lastSyncedAt: at }).where(eq(events.id, id));
}
