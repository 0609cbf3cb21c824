// SQL for entrances (unique by name within an event among those not removed). A removed
// entrance is kept (audit rows name it) but no longer listed, found or given to phones.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { entrances, scannerCredentials } from '../schema.ts';

export type EntranceRow = typeof entrances.$inferSelect;
export type NewEntrance = typeof entrances.$inferInsert;

export async function listEntrances(db: DbOrTx, eventId: string): Promise<EntranceRow[]> {
  return db
    .select()
    .from(entrances)
    .where(and(eq(entrances.eventId, eventId), isNull(entrances.removedAt)))
    .orderBy(asc(entrances.name));
}

export async function getEntrance(db: DbOrTx, eventId: string, id: string): Promise<EntranceRow | undefined> {
  const [row] = await db
    .select()
    .from(entrances)
    .where(and(eq(entrances.eventId, eventId), eq(entrances.id, id), isNull(entrances.removedAt)))
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
    .where(and(eq(entrances.eventId, eventId), eq(entrances.id, id), isNull(entrances.removedAt)))
    .returning();
  return row;
}

/** Labels of live (not revoked) credentials bound to an entrance: a phone's token fixes that entrance. */
export async function credentialsBoundTo(db: DbOrTx, id: string): Promise<string[]> {
  const rows = await db
    .select({ label: scannerCredentials.label })
    .from(scannerCredentials)
    .where(and(eq(scannerCredentials.entranceId, id), isNull(scannerCredentials.revokedAt)));
  return rows.map((r) => r.label);
}

/** Marks an entrance removed (kept for the audit rows that name it). */
export async function removeEntrance(db: DbOrTx, eventId: string, id: string): Promise<EntranceRow | undefined> {
  const [row] = await db
    .update(entrances)
    .set({ removedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(entrances.eventId, eventId), eq(entrances.id, id), isNull(entrances.removedAt)))
    .returning();
  return row;
}
