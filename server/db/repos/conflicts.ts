// SQL of the phones' conflict feed: an event's conflict scans, and the voids of them, in
// the order their writing transactions began (xid, then row id). Only rows of transactions
// older than every one still running are served, as in the attendee delta: two doors'
// uploads commit in any order, and a cursor already handed out must never skip a row.
import { sql } from 'drizzle-orm';
import { resultRows, type DbOrTx } from '../client.ts';
import { horizonSql } from './attendees-delta.ts';

export interface ConflictCursor {
  xid: number;
  id: number;
}

export interface ConflictFeedRow {
  feed_xid: string | number;
  feed_id: string | number;
  scan_id: string;
  ticket_code: string;
  attendee_name: string | null;
  scanned_at: Date | string;
  entrance: string | null;
  device: string | null;
  message: string;
  with_scan_id: string | null;
  with_at: Date | string | null;
  with_entrance: string | null;
  with_device: string | null;
  voided: boolean;
}

/**
 * A row's 64-bit writer xid from its 32-bit xmin, epoch taken from the snapshot's xmax
 * (check_ins rows are never updated, so xmin is the inserting transaction).
 */
const fullXid = (alias: string) => sql`(s.xmax - ((s.xmax - ${sql.raw(alias)}.xmin::text::bigint) & 4294967295))`;

/**
 * Up to `limit` feed entries after `cursor`, in cursor order. Raw SQL on purpose: the feed
 * reads the xmin system column and a union of conflicts and voids, which the query builder
 * has no form for.
 */
export async function conflictsSince(db: DbOrTx, eventId: string, cursor: ConflictCursor, limit: number): Promise<ConflictFeedRow[]> {
  return resultRows<ConflictFeedRow>(
    await db.execute(sql`with s as (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax, (${horizonSql}) as horizon),
      feed as (
        select ${fullXid('c')} as feed_xid, c.id as feed_id, c.scan_id as conflict_scan_id
          from check_ins c, s
          where c.event_id = ${eventId} and c.verdict = 'conflict'
        union all
        select ${fullXid('v')}, v.id, v.voids_scan_id
          from check_ins v, s
          where v.event_id = ${eventId} and v.verdict is null and v.kind = 'void'
            and exists (select 1 from check_ins o where o.scan_id = v.voids_scan_id and o.verdict = 'conflict')
      )
      select f.feed_xid, f.feed_id, c.scan_id, c.ticket_code,
             nullif(trim(a.first_name || ' ' || a.last_name), '') as attendee_name,
             c.scanned_at, e.name as entrance, d.name as device, c.message,
             w.scan_id as with_scan_id, w.scanned_at as with_at, we.name as with_entrance, wd.name as with_device,
             exists (select 1 from check_ins x where x.voids_scan_id = c.scan_id) as voided
        from feed f
        cross join s
        join check_ins c on c.scan_id = f.conflict_scan_id
        left join attendees a on a.id = c.attendee_id
        left join entrances e on e.id = c.entrance_id
        left join devices d on d.id = c.device_id
        left join check_ins w on w.scan_id = c.conflict_with_scan_id
        left join entrances we on we.id = w.entrance_id
        left join devices wd on wd.id = w.device_id
       where (f.feed_xid, f.feed_id) > (${cursor.xid}::bigint, ${cursor.id}::bigint)
         and f.feed_xid < s.horizon
       order by f.feed_xid, f.feed_id
       limit ${limit}`),
  );
}
