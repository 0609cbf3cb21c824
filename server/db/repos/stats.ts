// SQL of the live numbers of one event: tickets admitted and total by type, admissions and
// attempts by entrance, unresolved conflicts, and scans per minute. Every number comes from
// the counters that triggers keep (drizzle/0010_live-counts-and-audit-search.sql: one row per database
// backend, summed here), so no query here reads the audit history: each stays a few
// milliseconds at a million check-ins (bench/live-stats.bench.ts).
import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  conflictCounts,
  entranceCounts as entranceCountRows,
  entrances,
  scanMinuteCounts,
  ticketTypeCounts as ticketTypeCountRows,
  ticketTypes,
} from '../schema.ts';

/** The key the counters use for "no ticket type" / "no entrance". */
const NONE = '00000000-0000-0000-0000-000000000000';
const orNull = (id: string) => (id === NONE ? null : id);
const total = (column: ReturnType<typeof sql> | typeof conflictCounts.open) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

export async function ticketTypeCounts(db: DbOrTx, eventId: string) {
  const c = ticketTypeCountRows;
  const rows = await db
    .select({
      ticket_type_id: c.ticketTypeId,
      name: ticketTypes.name,
      admitted: total(sql`${c.admitted}`),
      total: total(sql`${c.total}`),
      inside: total(sql`${c.inside}`),
    })
    .from(c)
    .leftJoin(ticketTypes, eq(ticketTypes.id, c.ticketTypeId))
    .where(eq(c.eventId, eventId))
    .groupBy(c.ticketTypeId, ticketTypes.name)
    .having(sql`sum(${c.total}) > 0`)
    .orderBy(sql`${ticketTypes.name} nulls last`);
  return rows.map((r) => ({ ...r, ticket_type_id: orNull(r.ticket_type_id) }));
}

/** Every entrance of the event (also those with no scans yet), and scans at removed or no entrance. */
export async function entranceCounts(db: DbOrTx, eventId: string) {
  const c = entranceCountRows;
  const [counted, open] = await Promise.all([
    db
      .select({
        entrance_id: c.entranceId,
        name: entrances.name,
        admitted: total(sql`${c.admitted}`),
        scans: total(sql`${c.scans}`),
        inside: sql<number>`greatest(coalesce(sum(${c.inside}), 0), 0)`.mapWith(Number),
      })
      .from(c)
      .leftJoin(entrances, eq(entrances.id, c.entranceId))
      .where(eq(c.eventId, eventId))
      .groupBy(c.entranceId, entrances.name),
    db
      .select({ entrance_id: entrances.id, name: entrances.name })
      .from(entrances)
      .where(and(eq(entrances.eventId, eventId), isNull(entrances.removedAt))),
  ]);
  const byId = new Map(counted.map((r) => [r.entrance_id, { ...r, entrance_id: orNull(r.entrance_id) }]));
  for (const e of open) if (!byId.has(e.entrance_id)) byId.set(e.entrance_id, { ...e, admitted: 0, scans: 0, inside: 0 });
  // By name, no entrance last (as before: `order by name nulls last`).
  return [...byId.values()].sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function openConflicts(db: DbOrTx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: total(conflictCounts.open) })
    .from(conflictCounts)
    .where(eq(conflictCounts.eventId, eventId));
  return row?.n ?? 0;
}

/** Scans per minute of scan time since `since`. */
export async function scansPerMinute(db: DbOrTx, eventId: string, since: Date) {
  const c = scanMinuteCounts;
  const rows = await db
    .select({ minute: c.minute, scans: total(sql`${c.scans}`), accepted: total(sql`${c.accepted}`) })
    .from(c)
    .where(and(eq(c.eventId, eventId), gte(c.minute, new Date(Math.floor(since.getTime() / 60_000) * 60_000))))
    .groupBy(c.minute)
    .orderBy(c.minute);
  return rows.map((r) => ({ ...r, minute: r.minute.toISOString() }));
}

/** The first and last minute with scans, or nulls. */
export async function scanSpan(db: DbOrTx, eventId: string): Promise<{ first: Date | null; last: Date | null }> {
  const c = scanMinuteCounts;
  const [row] = await db
    .select({ first: sql<string | null>`min(${c.minute})`, last: sql<string | null>`max(${c.minute})` })
    .from(c)
    .where(eq(c.eventId, eventId));
  const asDate = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
  return { first: asDate(row?.first), last: asDate(row?.last) };
}

/**
 * Scans per bucket of `bucketMinutes` in [from, to). Buckets start at whole multiples of
 * their length on the venue's clock (`offsetMs`: the zone's offset), so an hour is 20:00–21:00
 * there, not at an odd minute.
 */
export async function scanTimeline(db: DbOrTx, eventId: string, from: Date, to: Date, bucketMinutes: number, offsetMs: number) {
  const c = scanMinuteCounts;
  const size = bucketMinutes * 60;
  const off = Math.round(offsetMs / 1000);
  const at = sql<string>`to_timestamp(floor((extract(epoch from ${c.minute}) + ${off}) / ${size}) * ${size} - ${off})`;
  const rows = await db
    .select({ at, scans: total(sql`${c.scans}`), accepted: total(sql`${c.accepted}`) })
    .from(c)
    .where(and(eq(c.eventId, eventId), gte(c.minute, from), lt(c.minute, to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** Folds the counter rows of database backends that have gone into one row each (see the migration). */
export async function foldCounts(db: DbOrTx): Promise<void> {
  await db.execute(sql`select fastcheck_fold_counts()`);
}
