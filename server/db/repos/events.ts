// SQL for events and their grants. Organisers reach the events they own (owner_id) and
// the ones granted to them in event_grants; admins reach all.
import { and, asc, eq, exists, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { eventGrants, events } from '../schema.ts';

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;

export async function getEvent(db: DbOrTx, id: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, id)).limit(1);
  return row;
}

export async function insertEvent(db: DbOrTx, values: NewEvent): Promise<EventRow> {
  const [row] = await db.insert(events).values(values).returning();
  return row;
}

export async function updateEvent(db: DbOrTx, id: string, patch: Partial<NewEvent>): Promise<EventRow | undefined> {
  const [row] = await db
    .update(events)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(events.id, id))
    .returning();
  return row;
}

/** Every event for admins (`userId` undefined), else the owned and granted ones. */
export async function listEvents(db: DbOrTx, options: { userId?: string; includeArchived: boolean }): Promise<EventRow[]> {
  const scope = options.userId
    ? or(
        eq(events.ownerId, options.userId),
        exists(
          db
            .select({ one: sql`1` })
            .from(eventGrants)
            .where(and(eq(eventGrants.eventId, events.id), eq(eventGrants.userId, options.userId))),
        ),
      )
    : undefined;
  return db
    .select()
    .from(events)
    .where(and(scope, options.includeArchived ? undefined : isNull(events.archivedAt)))
    .orderBy(sql`${events.startsAt} asc nulls last`, asc(events.name), asc(events.id));
}

export async function hasGrant(db: DbOrTx, eventId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(eventGrants)
    .where(and(eq(eventGrants.eventId, eventId), eq(eventGrants.userId, userId)))
    .limit(1);
  return Boolean(row);
}

export async function putGrant(db: DbOrTx, eventId: string, userId: string): Promise<void> {
  await db.insert(eventGrants).values({ eventId, userId }).onConflictDoNothing();
}

export async function deleteGrant(db: DbOrTx, eventId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(eventGrants)
    .where(and(eq(eventGrants.eventId, eventId), eq(eventGrants.userId, userId)))
    .returning({ userId: eventGrants.userId });
  return rows.length > 0;
}
