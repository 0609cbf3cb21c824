// SQL of the live numbers of one event: tickets admitted and total by type, admissions and
// attempts by entrance, unresolved conflicts, and scans per minute. Read-only; run in
// parallel on the pool, at most a few times a second per event (the hub coalesces).
import { sql } from 'drizzle-orm';
import { resultRows, type DbOrTx } from '../client.ts';

const num = (v: unknown) => Number(v ?? 0);

export async function ticketTypeCounts(db: DbOrTx, eventId: string) {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`select a.ticket_type_id, tt.name,
        count(*) filter (where a.checkins_used > 0 or a.inside) as admitted, count(*) as total,
        count(*) filter (where a.inside) as inside
      from attendees a left join ticket_types tt on tt.id = a.ticket_type_id
      where a.event_id = ${eventId} and a.status = 'valid'
      group by a.ticket_type_id, tt.name order by tt.name nulls last`),
  );
  return rows.map((r) => ({ ticket_type_id: (r.ticket_type_id as string | null) ?? null, name: (r.name as string | null) ?? null, admitted: num(r.admitted), total: num(r.total), inside: num(r.inside) }));
}

export async function entranceCounts(db: DbOrTx, eventId: string) {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`select c.entrance_id, en.name, count(*) as scans,
        count(*) filter (where c.verdict = 'accepted' and c.direction = 'in'
                          and coalesce((c.result->>'reentry')::boolean, false) = false and v.id is null) as admitted
      from check_ins c
      left join entrances en on en.id = c.entrance_id
      left join check_ins v on v.voids_scan_id = c.scan_id
      where c.event_id = ${eventId} and c.kind = 'scan'
      group by c.entrance_id, en.name order by en.name nulls last`),
  );
  return rows.map((r) => ({ entrance_id: (r.entrance_id as string | null) ?? null, name: (r.name as string | null) ?? null, admitted: num(r.admitted), scans: num(r.scans) }));
}

export async function openConflicts(db: DbOrTx, eventId: string): Promise<number> {
  const [r] = resultRows<{ n: unknown }>(
    await db.execute(sql`select count(*) as n from check_ins c
      where c.event_id = ${eventId} and c.verdict = 'conflict'
        and not exists (select 1 from check_ins v where v.voids_scan_id = c.scan_id)`),
  );
  return num(r?.n);
}

/** Scans per minute since `since` (by scan time; received after `since` too, for the index). */
export async function scansPerMinute(db: DbOrTx, eventId: string, since: Date) {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`select date_trunc('minute', scanned_at) as minute, count(*) as scans,
        count(*) filter (where verdict = 'accepted') as accepted
      from check_ins
      where event_id = ${eventId} and kind = 'scan' and received_at >= ${since.toISOString()}::timestamptz
        and scanned_at >= ${since.toISOString()}::timestamptz
      group by 1 order by 1`),
  );
  return rows.map((r) => ({ minute: new Date(String(r.minute instanceof Date ? r.minute.toISOString() : r.minute)).toISOString(), scans: num(r.scans), accepted: num(r.accepted) }));
}
