// SQL for ticket types (unique by name within an event).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { ticketTypes } from '../schema.ts';

export type TicketTypeRow = typeof ticketTypes.$inferSelect;
export type NewTicketType = typeof ticketTypes.$inferInsert;

export async function listTicketTypes(db: DbOrTx, eventId: string): Promise<TicketTypeRow[]> {
  return db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId)).orderBy(asc(ticketTypes.name));
}

export async function getTicketType(db: DbOrTx, eventId: string, id: string): Promise<TicketTypeRow | undefined> {
  const [row] = await db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, eventId), eq(ticketTypes.id, id)))
    .limit(1);
  return row;
}

/** Undefined when the name is taken in this event. */
export async function insertTicketType(db: DbOrTx, values: NewTicketType): Promise<TicketTypeRow | undefined> {
  const [row] = await db.insert(ticketTypes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateTicketType(db: DbOrTx, eventId: string, id: string, patch: Partial<NewTicketType>): Promise<TicketTypeRow | undefined> {
  const [row] = await db
    .update(ticketTypes)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(ticketTypes.eventId, eventId), eq(ticketTypes.id, id)))
    .returning();
  return row;
}

/** How many of `ids` are ticket types of this event. */
export async function countTicketTypesIn(db: DbOrTx, eventId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, eventId), inArray(ticketTypes.id, ids)));
  return rows.length;
}

/**
 * The ticket types named in `input`, creating the missing ones. An import names types: a
 * missing one is created with one check-in, an existing one is left as it is. A Tickera sync
 * gives each type its allowance, written only when it changed (the external id is the name).
 * Returns every named type by name and how many were created.
 */
export async function upsertTicketTypes(
  db: DbOrTx,
  eventId: string,
  input: { source: 'import'; names: string[] } | { source: 'tickera'; types: Array<{ name: string; checkinsAllowed: number }> },
): Promise<{ byName: Map<string, TicketTypeRow>; created: number }> {
  const byName = new Map<string, TicketTypeRow>();
  const synced = input.source === 'tickera';
  const names = synced ? input.types.map((t) => t.name) : input.names;
  if (names.length === 0) return { byName, created: 0 };
  const insert = db
    .insert(ticketTypes)
    .values(
      synced
        ? input.types.map((t) => ({ eventId, name: t.name, externalId: t.name, checkinsAllowed: t.checkinsAllowed }))
        : names.map((name) => ({ eventId, name })),
    );
  const written = await (synced
    ? insert.onConflictDoUpdate({
        target: [ticketTypes.eventId, ticketTypes.name],
        set: { checkinsAllowed: sql`excluded.checkins_allowed`, updatedAt: sql`now()` },
        setWhere: sql`${ticketTypes.checkinsAllowed} IS DISTINCT FROM excluded.checkins_allowed`,
      })
    : insert.onConflictDoNothing()
  ).returning({ inserted: sql<number>`(xmax = 0)::int` });
  const rows = await db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, eventId), inArray(ticketTypes.name, names)));
  for (const row of rows) byName.set(row.name, row);
  return { byName, created: written.filter((r) => Number(r.inserted) === 1).length };
}
