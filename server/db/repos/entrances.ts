// SQL for entrances (unique by name within an event).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { entrances } from '../schema.ts';

export type EntranceRow = typeof entrances.$inferSelect;
export type NewEntrance = typeof entrances.$inferInsert;

export async function listEntrances(db: DbOrTx, eventId: string): Promise<EntranceRow[]> {
  return db.select().from(entrances).where(eq(entrances.eventId, eventId)).orderBy(asc(entrances.name));
}

export async function getEntrance(db: DbOrTx, eventId: string, id: string): Promise<EntranceRow | undefined> {
  const [row] = await db
    .select()
    .from(entrances)
    .where(and(eq(entrances.eventId, eventId), eq(entrances.id, id)))
    .limit(1);
  return row;
}

/** Undefined when the name is taken in this event. */
export async function insertEntrance(db: DbOrTx, values: NewEntrance): Promise<EntranceRow | undefined> {
  const [row] = await db.insert(entrances).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateEntrance(db: DbOrTx, eventId: string, id: string, patch: Partial<NewEntrance>): Promise<EntranceRow | undefined> {
  const [row] = await db
    .update(entrances)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(entrances.eventId, eventId), eq(entrances.id, id)))
    .returning();
  return row;
}
