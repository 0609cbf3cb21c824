// tickera_outbox: accepted check-ins waiting to be written back to Tickera. A row is
// enqueued at most once per scan and only for events with write-back on; workers claim
// due rows with a lease (SKIP LOCKED) so two instances never send the same row at once.
import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { resultRows, type DbOrTx } from '../client.ts';
import { tickeraOutbox } from '../schema.ts';

export type OutboxRow = typeof tickeraOutbox.$inferSelect;

export interface AcceptedCheckIn {
  eventId: string;
  scanId: string;
  ticketCode: string;
  scannedAt: Date;
}

/**
 * Queues an accepted check-in for write-back if its event has write-back on. Safe to call
 * inside the check-in transaction (pass the tx) and idempotent per scan id.
 * Returns true when a row was queued.
 */
export async function enqueueTickeraWriteback(db: DbOrTx, c: AcceptedCheckIn): Promise<boolean> {
  // Raw on purpose: it runs inside the check-in transaction, and insert … select with a
  // condition on the event has no query-builder form (drizzle's insert().select() needs
  // every column of the table in the selection).
  const rows = resultRows<{ id: number }>(
    await db.execute(sql`
      insert into tickera_outbox (event_id, scan_id, ticket_code, scanned_at)
      select e.id, ${c.scanId}::uuid, ${c.ticketCode}, ${c.scannedAt.toISOString()}::timestamptz
      from events e where e.id = ${c.eventId}::uuid and e.tickera_writeback and e.tickera_api_key_enc is not null
      on conflict (scan_id) do nothing
      returning id`),
  );
  return rows.length > 0;
}

/** Claims up to `limit` due rows, leasing them until `leaseUntil`. */
export async function claimDueWritebacks(db: DbOrTx, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: tickeraOutbox.id })
    .from(tickeraOutbox)
    .where(and(eq(tickeraOutbox.status, 'pending'), lte(tickeraOutbox.nextAttemptAt, now)))
    .orderBy(asc(tickeraOutbox.nextAttemptAt), asc(tickeraOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.update(tickeraOutbox).set({ nextAttemptAt: leaseUntil, updatedAt: sql`now()` }).where(inArray(tickeraOutbox.id, due)).returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** Before the check_in call: the row is uncertain until a definite answer arrives. */
export async function markWritebackSending(db: DbOrTx, id: number, checkinsBefore: number): Promise<void> {
  await db
    .update(tickeraOutbox)
    .set({ uncertain: true, checkinsBefore, attempts: sql`${tickeraOutbox.attempts} + 1`, updatedAt: sql`now()` })
    .where(eq(tickeraOutbox.id, id));
}

export async function finishWriteback(db: DbOrTx, id: number, status: 'done' | 'failed', error: string | null): Promise<void> {
  await db.update(tickeraOutbox).set({ status, uncertain: false, lastError: error, updatedAt: sql`now()` }).where(eq(tickeraOutbox.id, id));
}

export async function retryWritebackLater(db: DbOrTx, id: number, nextAttemptAt: Date, error: string, uncertain: boolean): Promise<void> {
  await db.update(tickeraOutbox).set({ nextAttemptAt, lastError: error, uncertain, updatedAt: sql`now()` }).where(eq(tickeraOutbox.id, id));
}

export async function writebackCounts(db: DbOrTx, eventId: string) {
  const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const [row] = await db
    .select({
      pending: count(sql`${tickeraOutbox.status} = 'pending'`),
      uncertain: count(sql`${tickeraOutbox.status} = 'pending' and ${tickeraOutbox.uncertain}`),
      done: count(sql`${tickeraOutbox.status} = 'done'`),
      failed: count(sql`${tickeraOutbox.status} = 'failed'`),
    })
    .from(tickeraOutbox)
    .where(eq(tickeraOutbox.eventId, eventId));
  return { pending: row?.pending ?? 0, uncertain: row?.uncertain ?? 0, done: row?.done ?? 0, failed: row?.failed ?? 0 };
}

export async function recentWritebackFailures(db: DbOrTx, eventId: string, limit = 20): Promise<OutboxRow[]> {
  return db
    .select()
    .from(tickeraOutbox)
    .where(
      and(
        eq(tickeraOutbox.eventId, eventId),
        sql`(${tickeraOutbox.status} = 'failed' or ${tickeraOutbox.lastError} is not null and ${tickeraOutbox.status} = 'pending')`,
      ),
    )
    .orderBy(desc(tickeraOutbox.updatedAt))
    .limit(limit);
}

/** Write-backs of this ticket that Tickera already recorded as ours (other than `exceptId`). */
export async function deliveredWritebacks(db: DbOrTx, eventId: string, ticketCode: string, exceptId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(tickeraOutbox)
    .where(
      and(
        eq(tickeraOutbox.eventId, eventId),
        eq(tickeraOutbox.ticketCode, ticketCode),
        eq(tickeraOutbox.status, 'done'),
        sql`${tickeraOutbox.id} <> ${exceptId}`,
      ),
    );
  return row?.n ?? 0;
}

/** The write-back queue over every event (metrics): rows pending, rows given up, the oldest pending row's age. */
export async function writebackQueueDepth(db: DbOrTx): Promise<{ pending: number; failed: number; oldestPendingSeconds: number | null }> {
  const [row] = resultRows<{ pending: number | string; failed: number | string; oldest: number | string | null }>(
    await db.execute(sql`
      select count(*) filter (where status = 'pending') as pending,
             count(*) filter (where status = 'failed') as failed,
             extract(epoch from now() - min(created_at) filter (where status = 'pending'))::float8 as oldest
      from tickera_outbox where status in ('pending', 'failed')`),
  );
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), oldestPendingSeconds: row?.oldest == null ? null : Number(row.oldest) };
}
