// SQL for scanner credentials. Only the SHA-256 of a code is ever stored.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { scannerCredentials } from '../schema.ts';

export type CredentialRow = typeof scannerCredentials.$inferSelect;
export type NewCredential = typeof scannerCredentials.$inferInsert;

export async function insertCredential(db: DbOrTx, values: NewCredential): Promise<CredentialRow> {
  const [row] = await db.insert(scannerCredentials).values(values).returning();
  return row;
}

export async function listCredentials(db: DbOrTx, eventId: string): Promise<CredentialRow[]> {
  return db
    .select()
    .from(scannerCredentials)
    .where(eq(scannerCredentials.eventId, eventId))
    .orderBy(desc(scannerCredentials.createdAt), desc(scannerCredentials.id));
}

export async function getCredential(db: DbOrTx, eventId: string, id: string): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(scannerCredentials)
    .where(and(eq(scannerCredentials.eventId, eventId), eq(scannerCredentials.id, id)))
    .limit(1);
  return row;
}

/** Sets revoked_at once; a second revoke returns the row unchanged. */
export async function revokeCredential(db: DbOrTx, eventId: string, id: string, now: Date): Promise<CredentialRow | undefined> {
  const [row] = await db
    .update(scannerCredentials)
    .set({ revokedAt: now })
    .where(and(eq(scannerCredentials.eventId, eventId), eq(scannerCredentials.id, id), isNull(scannerCredentials.revokedAt)))
    .returning();
  return row ?? getCredential(db, eventId, id);
}
