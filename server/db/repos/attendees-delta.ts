// SQL of the phones' delta sync. Rows are paged by (change_xid, change_seq), the stamp the
// attendees trigger writes, and only rows of transactions older than every transaction
// still running are served: a slow writer can never commit behind a cursor already handed out.
import { sql } from 'drizzle-orm';
import type { PhoneAttendee } from '../../../shared/protocol/attendees-delta.ts';
import { resultRows, type DbOrTx } from '../client.ts';

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
  return resultRows<DeltaRow>(
    // Phones decide with the same total the server does: ours plus Tickera's earlier check-ins.
    await db.execute(sql`select ticket_code, first_name, last_name, email, ticket_type_id, checkins_allowed,
                checkins_used + external_checkins as checkins_used,
                inside, status, change_xid, change_seq
         from attendees
         where event_id = ${eventId}
           and (change_xid, change_seq) > (${cursor.xid}::bigint, ${cursor.seq}::bigint)
           and change_xid < (${horizonSql})
         order by change_xid, change_seq
         limit ${limit}`),
  );
}
