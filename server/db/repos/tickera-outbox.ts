// tickera_outbox: accepted check-ins waiting to be written back to Tickera. A row is
// enqueued at most once per scan and only for events with write-back on; workers claim
// due rows with a short lease (SKIP LOCKED) that the owner's heartbeat renews, so two
// instances never send the same row at once and a crashed instance's rows come back in seconds.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
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

export interface ClaimedRow extends OutboxRow {
  /** The instance that held the claim before (its lease ran out: it crashed or stalled), if any. */
  previousOwner: string | null;
}

/**
 * Claims up to `limit` due rows for `owner`, leasing them until `leaseUntil`. A row whose
 * claim's lease ran out is simply due again, so a crashed instance's rows are taken over
 * here (the uncertain path keeps that exactly-once). Only the oldest pending row of a
 * ticket is ever claimable: one ticket's write-backs go out one at a time, in order,
 * across instances, so counting ticket_checkins before and after a call stays meaningful.
 * Oldest first: a row taken over from a crashed instance does not queue behind newer ones.
 */
export async function claimDueWritebacks(db: DbOrTx, owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedRow[]> {
  if (limit <= 0) return [];
  // Raw: update … from a locking, self-referencing selection has no query-builder form.
  const claimed = resultRows<{ id: number; previous_owner: string | null }>(
    await db.execute(sql`
      with due as (
        select o.id, o.claimed_by as previous_owner from tickera_outbox o
        where o.status = 'pending' and o.next_attempt_at <= ${now.toISOString()}::timestamptz
          and not exists (
            select 1 from tickera_outbox p
            where p.event_id = o.event_id and p.ticket_code = o.ticket_code and p.status = 'pending' and p.id < o.id)
        order by o.id
        limit ${limit}
        for update of o skip locked)
      update tickera_outbox t set claimed_by = ${owner}, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz, updated_at = now()
      from due where t.id = due.id
      returning t.id, due.previous_owner`),
  );
  if (claimed.length === 0) return [];
  const previous = new Map(claimed.map((c) => [Number(c.id), c.previous_owner]));
  const rows = await db
    .select()
    .from(tickeraOutbox)
    .where(inArray(tickeraOutbox.id, [...previous.keys()]));
  return rows.map((r) => ({ ...r, previousOwner: previous.get(r.id) ?? null })).sort((a, b) => a.id - b.id);
}

/** The owner's heartbeat: pushes the lease of its rows (still pending and still its own) out to at least `leaseUntil`. Returns the ids it still holds. */
export async function renewWritebackLeases(db: DbOrTx, owner: string, ids: number[], leaseUntil: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(tickeraOutbox)
    .set({ nextAttemptAt: sql`greatest(${tickeraOutbox.nextAttemptAt}, ${leaseUntil.toISOString()}::timestamptz)` })
    .where(and(inArray(tickeraOutbox.id, ids), eq(tickeraOutbox.claimedBy, owner), eq(tickeraOutbox.status, 'pending')))
    .returning({ id: tickeraOutbox.id });
  return rows.map((r) => r.id);
}

/** When the earliest pending row falls due (a claimed row: when its lease runs out), or null. */
export async function nextWritebackDue(db: DbOrTx): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${tickeraOutbox.nextAttemptAt})`.mapWith((v) => (v === null ? null : new Date(v))) })
    .from(tickeraOutbox)
    .where(eq(tickeraOutbox.status, 'pending'));
  return row?.at ?? null;
}

const heldBy = (id: number, owner: string | null | undefined) =>
  owner ? and(eq(tickeraOutbox.id, id), eq(tickeraOutbox.claimedBy, owner)) : eq(tickeraOutbox.id, id);

/**
 * Before the check_in call: the row is uncertain until a definite answer arrives, and its
 * lease covers the whole call (`leaseUntil`), so nobody takes it over while the call can
 * still land. Fenced on the owner: false means the claim was lost (taken over), so do not call.
 */
export async function markWritebackSending(db: DbOrTx, id: number, owner: string | null, checkinsBefore: number, leaseUntil: Date): Promise<boolean> {
  const rows = await db
    .update(tickeraOutbox)
    .set({
      uncertain: true,
      checkinsBefore,
      attempts: sql`${tickeraOutbox.attempts} + 1`,
      nextAttemptAt: sql`greatest(${tickeraOutbox.nextAttemptAt}, ${leaseUntil.toISOString()}::timestamptz)`,
      updatedAt: sql`now()`,
    })
    .where(and(heldBy(id, owner), eq(tickeraOutbox.status, 'pending')))
    .returning({ id: tickeraOutbox.id });
  return rows.length > 0;
}

/** Closes the row and releases its claim; with `owner`, only while that owner still holds it. */
export async function finishWriteback(db: DbOrTx, id: number, status: 'done' | 'failed', error: string | null, owner?: string | null): Promise<void> {
  await db.update(tickeraOutbox).set({ status, uncertain: false, lastError: error, claimedBy: null, updatedAt: sql`now()` }).where(heldBy(id, owner));
}

/** Releases the claim until `nextAttemptAt`; with `owner`, only while that owner still holds it. */
export async function retryWritebackLater(
  db: DbOrTx,
  id: number,
  nextAttemptAt: Date,
  error: string,
  uncertain: boolean,
  owner?: string | null,
): Promise<void> {
  await db.update(tickeraOutbox).set({ nextAttemptAt, lastError: error, uncertain, claimedBy: null, updatedAt: sql`now()` }).where(heldBy(id, owner));
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
