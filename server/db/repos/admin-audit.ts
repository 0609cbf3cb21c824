// The admin audit trail: who changed what in the console, and when. Append-only: the
// database refuses UPDATE/DELETE on admin_audit, and this module only inserts and reads.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { adminAudit } from '../schema.ts';

export interface AuditEntry {
  userId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  eventId?: string | null;
  /** Never a secret: no passwords, credential codes or API keys. */
  details?: Record<string, unknown>;
}

export type AuditRow = typeof adminAudit.$inferSelect;

export async function appendAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(adminAudit).values({
    userId: entry.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    eventId: entry.eventId ?? null,
    details: entry.details ?? null,
  });
}

/** Newest first; `beforeId` pages backwards. */
export async function listAudit(db: DbOrTx, filter: { eventId?: string; beforeId?: number; limit: number }): Promise<AuditRow[]> {
  const where = and(filter.eventId ? eq(adminAudit.eventId, filter.eventId) : undefined, filter.beforeId ? lt(adminAudit.id, filter.beforeId) : undefined);
  return db.select().from(adminAudit).where(where).orderBy(desc(adminAudit.id)).limit(filter.limit);
}
