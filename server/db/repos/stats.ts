// SQL of the live numbers of one event: tickets admitted and total by type, admissions and
// attempts by entrance, unresolved conflicts, and scans per minute. Read-only; run in
// parallel on the pool, at most a few times a second per event (the hub coalesces).
import { and, eq, gte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { attendees, checkIns, entrances, ticketTypes } from '../schema.ts';

/** A count as a number (Postgres counts are bigint, which the drivers hand over as text). */
const countWhere = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
const countAll = () => sql<number>`count(*)`.mapWith(Number);

/** The scan that voided a given scan (if any). */
const voids = alias(checkIns, 'v');

export async function ticketTypeCounts(db: DbOrTx, eventId: string) {
  return db
    .select({
      ticket_type_id: attendees.ticketTypeId,
      name: ticketTypes.name,
      admitted: countWhere(sql`${attendees.checkinsUsed} > 0 or ${attendees.inside}`),
      total: countAll(),
      inside: countWhere(sql`${attendees.inside}`),
    })
    .from(attendees)
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(and(eq(attendees.eventId, eventId), eq(attendees.status, 'valid')))
    .groupBy(attendees.ticketTypeId, ticketTypes.name)
    .orderBy(sql`${ticketTypes.name} nulls last`);
}

export async function entranceCounts(db: DbOrTx, eventId: string) {
  return db
    .select({
      entrance_id: checkIns.entranceId,
      name: entrances.name,
      admitted: countWhere(
        sql`${checkIns.verdict} = 'accepted' and ${checkIns.direction} = 'in'
          and coalesce((${checkIns.result}->>'reentry')::boolean, false) = false and ${voids.id} is null`,
      ),
      scans: countAll(),
    })
    .from(checkIns)
    .leftJoin(entrances, eq(entrances.id, checkIns.entranceId))
    .leftJoin(voids, eq(voids.voidsScanId, checkIns.scanId))
    .where(and(eq(checkIns.eventId, eventId), eq(checkIns.kind, 'scan')))
    .groupBy(checkIns.entranceId, entrances.name)
    .orderBy(sql`${entrances.name} nulls last`);
}

export async function openConflicts(db: DbOrTx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: countAll() })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.eventId, eventId),
        eq(checkIns.verdict, 'conflict'),
        notExists(db.select({ one: sql`1` }).from(voids).where(eq(voids.voidsScanId, checkIns.scanId))),
      ),
    );
  return row?.n ?? 0;
}

/** Scans per minute since `since` (by scan time; received after `since` too, for the index). */
export async function scansPerMinute(db: DbOrTx, eventId: string, since: Date) {
  const minute = sql<Date>`date_trunc('minute', ${checkIns.scannedAt})`.mapWith(checkIns.scannedAt);
  const rows = await db
    .select({ minute, scans: countAll(), accepted: countWhere(sql`${checkIns.verdict} = 'accepted'`) })
    .from(checkIns)
    .where(and(eq(checkIns.eventId, eventId), eq(checkIns.kind, 'scan'), gte(checkIns.receivedAt, since), gte(checkIns.scannedAt, since)))
    .groupBy(minute)
    .orderBy(minute);
  return rows.map((r) => ({ ...r, minute: r.minute.toISOString() }));
}
