// SQL of the phones' delta sync. Rows are paged by (change_xid, change_seq), the stamp the
// attendees trigger writes, and only rows of transactions older than every transaction
// still running are served: a slow writer can never commit behind a cursor already handed out.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PhoneAttendee } from '../../../shared/protocol/attendees-delta.ts';
import type { DbOrTx } from '../client.ts';
import { attendees } from '../schema.ts';

export interface DeltaCursor {
  xid: number;
  seq: number;
}

/** A phone attendee as the database returns it, with the raw cursor stamp. */
export type DeltaRow = Omit<PhoneAttendee, 'change_seq'> & { change_xid: string | number; change_seq: string | number };

/**
 * The horizon below which every transaction that could write our rows has ended: the
 * oldest transaction in progress at this statement's snapshot, ignoring those that
 * pg_stat_activity places in another database of the cluster (a long import elsewhere
 * must not stall every phone). An xid not found there is kept, so the horizon errs low:
 * a row may wait a poll, never be skipped.
 */
export const horizonSql = sql`select coalesce(min(x::text::bigint), pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
  from pg_snapshot_xip(pg_current_snapshot()) as x
  where not exists (
    select 1 from pg_stat_activity a
    where a.backend_xid = x::xid and a.datname is not null and a.datname <> current_database()
  )`;

/** Up to `limit` rows changed after `cursor`, in cursor order. */
export async function attendeesChangedSince(db: DbOrTx, eventId: string, cursor: DeltaCursor, limit: number): Promise<DeltaRow[]> {
  return db
    .select({
      ticket_code: attendees.ticketCode,
      first_name: attendees.firstName,
      last_name: attendees.lastName,
      email: attendees.email,
      ticket_type_id: attendees.ticketTypeId,
      checkins_allowed: attendees.checkinsAllowed,
      // Phones decide with the same total the server does: ours plus Tickera's earlier check-ins.
      checkins_used: sql<number>`${attendees.checkinsUsed} + ${attendees.externalCheckins}`.mapWith(Number),
      inside: attendees.inside,
      status: attendees.status,
      change_xid: attendees.changeXid,
      change_seq: attendees.changeSeq,
    })
    .from(attendees)
    .where(
      and(
        eq(attendees.eventId, eventId),
        sql`(${attendees.changeXid}, ${attendees.changeSeq}) > (${cursor.xid}::bigint, ${cursor.seq}::bigint)`,
        sql`${attendees.changeXid} < (${horizonSql})`,
      ),
    )
    .orderBy(asc(attendees.changeXid), asc(attendees.changeSeq))
    .limit(limit);
}
