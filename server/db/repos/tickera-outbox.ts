// tickera_outbox: accepted check-ins waiting to be written back to Tickera. A row is
// enqueued at most once per scan and only for events with write-back on; workers claim
// due rows with a lease (SKIP LOCKED) so two instances never send the same row at once.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client.ts';
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
export async function enqueueTickeraWriteback(database: Database, db: DbOrTx, c: AcceptedCheckIn): Promise<boolean> {
  const rows = await database.query(
    sql`
      insert into tickera_outbox (event_id, scan_id, ticket_code, scanned_at)
      select e.id, ${c.scanId}::uuid, ${c.ticketCode}, ${c.scannedAt.toISOString()}::timestamptz
      from events e where e.id = ${c.eventId}::uuid and e.tickera_writeback and e.tickera_api_key_enc is not null
      on conflict (scan_id) do nothing
      returning id`,
    db,
  );
  return rows.length > 0;
}

/** Claims up to `limit` due rows, leasing them until `leaseUntil`. */
export async function claimDueWritebacks(database: Database, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  const ids = await database.query<{ id: number }>(sql`
    update tickera_outbox set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz, updated_at = now()
    where id in (
      select id from tickera_outbox
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id`);
  if (ids.length === 0) return [];
  const rows = await database.db
    .select()
    .from(tickeraOutbox)
    .where(sql`${tickeraOutbox.id} in (${sql.join(ids.map((r) => sql`${Number(r.id)}`), sql`, `)})`);
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
  await db
    .update(tickeraOutbox)
    .set({ nextAttemptAt, lastError: error, uncertain, updatedAt: sql`now()` })
    .where(eq(tickeraOutbox.id, id));
}

export async function writebackCounts(database: Database, eventId: string) {
  const [row] = await database.query<{ pending: number; uncertain: number; done: number; failed: number }>(sql`
    select count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'pending' and uncertain)::int as uncertain,
           count(*) filter (where status = 'done')::int as done,
           count(*) filter (where status = 'failed')::int as failed
    from tickera_outbox where event_id = ${eventId}`);
  return { pending: Number(row?.pending ?? 0), uncertain: Number(row?.uncertain ?? 0), done: Number(row?.done ?? 0), failed: Number(row?.failed ?? 0) };
}

export async function recentWritebackFailures(db: DbOrTx, eventId: string, limit = 20): Promise<OutboxRow[]> {
  return db
    .select()
    .from(tickeraOutbox)
    .where(and(eq(tickeraOutbox.eventId, eventId), sql`(${tickeraOutbox.status} = 'failed' or ${tickeraOutbox.lastError} is not null and ${tickeraOutbox.status} = 'pending')`))
    .orderBy(desc(tickeraOutbox.updatedAt))
    .limit(limit);
}
