// SQL for attendees as the console sees them: batched upserts (imports and Tickera syncs)
// and the keyset-paged, accent-folded search. An upsert only writes rows whose data changed, so the stamp
// trigger does not make phones re-download unchanged attendees; it never touches
// checkins_used or inside.
import { and, asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AttendeeStatus } from '../../../shared/protocol/common.ts';
import { searchFold } from '../../../shared/search-fold.ts';
import { resultRows, type DbOrTx } from '../client.ts';
import { attendees, ticketTypes } from '../schema.ts';

interface AttendeeData {
  ticket_code: string;
  first_name: string;
  last_name: string;
  email: string;
  ticket_type_id: string | null;
  checkins_allowed: number;
}

/** An imported row: the organiser's file says the status. */
export interface AttendeeUpsert extends AttendeeData {
  status: AttendeeStatus;
}

/**
 * A row from a Tickera sync: Tickera's own passes are external_checkins, and a ticket that
 * comes back after being revoked is valid again (any other status is kept).
 */
export interface SyncedAttendee extends AttendeeData {
  ticket_type_id: string;
  external_checkins: number;
}

export type AttendeeBatch = { source: 'import'; rows: AttendeeUpsert[] } | { source: 'tickera'; rows: SyncedAttendee[] };

/** The parts of the upsert that differ by source; everything else is the same statement. */
const sourceSql = {
  import: {
    columns: sql`status`,
    values: sql`r.status`,
    recordType: sql`status attendee_status`,
    set: sql`status = excluded.status`,
    current: sql`attendees.status`,
    incoming: sql`excluded.status`,
  },
  tickera: {
    columns: sql`external_checkins, status`,
    values: sql`r.external_checkins, 'valid'`,
    recordType: sql`external_checkins integer`,
    set: sql`external_checkins = excluded.external_checkins,
        status = case when attendees.status = 'revoked' then 'valid'::attendee_status else attendees.status end`,
    current: sql`attendees.external_checkins, attendees.status = 'revoked'`,
    incoming: sql`excluded.external_checkins, false`,
  },
} as const;

/**
 * Inserts or updates one batch (one statement; codes must be distinct within the batch).
 * Rows are shipped as one JSON parameter, so the statement's size does not grow with them.
 */
export async function upsertAttendees(db: DbOrTx, eventId: string, batch: AttendeeBatch): Promise<{ inserted: number; updated: number }> {
  if (batch.rows.length === 0) return { inserted: 0, updated: 0 };
  const part = sourceSql[batch.source];
  return mergeAttendees(
    db,
    eventId,
    batch.source,
    sql`jsonb_to_recordset(${JSON.stringify(batch.rows)}::jsonb) as r(
        ticket_code text, first_name text, last_name text, email text,
        ticket_type_id uuid, checkins_allowed integer, ${part.recordType})`,
  );
}

/**
 * Merges rows from `from` (a row source aliased `r` with the columns of AttendeeUpsert or
 * SyncedAttendee) into the event's attendees: new codes inserted, changed rows updated,
 * the rest untouched. The inserted/updated count (xmax) keeps it raw SQL.
 */
export async function mergeAttendees(db: DbOrTx, eventId: string, source: AttendeeBatch['source'], from: SQL): Promise<{ inserted: number; updated: number }> {
  const part = sourceSql[source];
  const result = await db.execute(sql`
    with up as (
      insert into attendees (event_id, ticket_code, first_name, last_name, email, ticket_type_id, checkins_allowed, ${part.columns})
      select ${eventId}::uuid, r.ticket_code, r.first_name, r.last_name, r.email, r.ticket_type_id, r.checkins_allowed, ${part.values}
      from ${from}
      on conflict (event_id, ticket_code) do update set
        first_name = excluded.first_name,
        last_name = excluded.last_name,
        email = excluded.email,
        ticket_type_id = excluded.ticket_type_id,
        checkins_allowed = excluded.checkins_allowed,
        ${part.set}
      where (attendees.first_name, attendees.last_name, attendees.email, attendees.ticket_type_id,
             attendees.checkins_allowed, ${part.current})
        is distinct from (excluded.first_name, excluded.last_name, excluded.email, excluded.ticket_type_id,
             excluded.checkins_allowed, ${part.incoming})
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`);
  const [row] = resultRows<{ inserted: number; updated: number }>(result);
  return { inserted: Number(row.inserted), updated: Number(row.updated) };
}

/** Sort key of the console list: (lower(last_name), lower(first_name), id). */
export type AttendeeCursor = [string, string, number];

export interface AttendeeListRow {
  id: number;
  ticketCode: string;
  firstName: string;
  lastName: string;
  email: string;
  ticketTypeId: string | null;
  ticketType: string | null;
  checkinsAllowed: number;
  checkinsUsed: number;
  inside: boolean;
  status: AttendeeStatus;
  updatedAt: Date;
  sortLast: string;
  sortFirst: string;
}

/** `s` as a LIKE pattern's literal text. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Attendees whose folded name, email or code (search_key) contains every word of `q`, folded
 * the same way (shared/search-fold.ts): "muller" finds "Müller". Trigram-indexed.
 */
export function matchingWords(q: string | undefined): SQL | undefined {
  const words = q ? searchFold(q).split(/\s+/).filter(Boolean) : [];
  return and(...words.map((w) => sql`${attendees.searchKey} like ${`%${escapeLike(w)}%`}`));
}

const listColumns = {
  id: attendees.id,
  ticketCode: attendees.ticketCode,
  firstName: attendees.firstName,
  lastName: attendees.lastName,
  email: attendees.email,
  ticketTypeId: attendees.ticketTypeId,
  ticketType: ticketTypes.name,
  checkinsAllowed: attendees.checkinsAllowed,
  checkinsUsed: attendees.checkinsUsed,
  inside: attendees.inside,
  status: attendees.status,
  updatedAt: attendees.updatedAt,
  sortLast: sql<string>`lower(${attendees.lastName})`,
  sortFirst: sql<string>`lower(${attendees.firstName})`,
};

/** One attendee of the event as the console lists it. */
export async function getAttendeeRow(db: DbOrTx, eventId: string, id: number): Promise<AttendeeListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(attendees)
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(and(eq(attendees.eventId, eventId), eq(attendees.id, id)));
  return row;
}

/** Counts stop here: beyond it the console says "10,000+" (an exact count would read every match). */
export const COUNT_CAP = 10_000;

const afterCursor = (after: AttendeeCursor | undefined, keys: [SQL | SQLWrapper, SQL | SQLWrapper, SQL | SQLWrapper]) =>
  after ? sql`(${keys[0]}, ${keys[1]}, ${keys[2]}) > (${after[0]}, ${after[1]}, ${after[2]})` : undefined;

/** A page of a search, and how many attendees match it in all (up to COUNT_CAP + 1). */
export interface AttendeeSearch {
  rows: AttendeeListRow[];
  /** Null for a later page of the whole list (no `q`): nothing needed counting. */
  matches: number | null;
}

/**
 * A page of attendees matching `q` (see matchingWords), in name order, after the cursor,
 * with how many match in all (up to COUNT_CAP + 1; exact without `q`, counted on the first page only).
 * Up to COUNT_CAP matches are read once through the trigram index, with their sort keys,
 * and just those are sorted: one statement gives the page and the count, and its cost is
 * bounded by the matches, wherever they fall in name order. More matches than that (a
 * tenth of a 100k event: dense) are read by walking the name index, where a page fills fast.
 */
export async function searchAttendees(db: DbOrTx, eventId: string, options: { q?: string; after?: AttendeeCursor; limit: number }): Promise<AttendeeSearch> {
  const match = matchingWords(options.q);
  if (!match) {
    const [rows, matches] = await Promise.all([walkNameOrder(db, eventId, undefined, options), options.after ? null : countAttendees(db, eventId)]);
    return { rows, matches };
  }
  const m = db.$with('m').as(
    db
      .select({ id: sql<number>`${attendees.id}`.as('m_id'), sortLast: listColumns.sortLast.as('m_last'), sortFirst: listColumns.sortFirst.as('m_first') })
      .from(attendees)
      .where(and(eq(attendees.eventId, eventId), match))
      .limit(COUNT_CAP + 1),
  );
  const found = await db
    .with(m)
    .select({ ...listColumns, sortLast: m.sortLast, sortFirst: m.sortFirst, matches: sql<number>`(select count(*) from ${m})::int`.mapWith(Number) })
    .from(m)
    .innerJoin(attendees, eq(attendees.id, m.id))
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(afterCursor(options.after, [m.sortLast, m.sortFirst, m.id]))
    .orderBy(asc(m.sortLast), asc(m.sortFirst), asc(m.id))
    .limit(options.limit);
  // No row after the cursor says nothing of how many match: ask (as cheaply as counting goes).
  const matches = found.length ? found[0].matches : options.after ? await countAttendees(db, eventId, options.q) : 0;
  if (matches <= COUNT_CAP) return { rows: found.map(({ matches: _, ...row }) => row), matches };
  return { rows: await walkNameOrder(db, eventId, match, options), matches };
}

/** The page read along the name index (attendees_event_name_idx), the matches filtered as they come. */
function walkNameOrder(db: DbOrTx, eventId: string, match: SQL | undefined, options: { after?: AttendeeCursor; limit: number }): Promise<AttendeeListRow[]> {
  const { sortLast, sortFirst } = listColumns;
  return db
    .select(listColumns)
    .from(attendees)
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(and(eq(attendees.eventId, eventId), match, afterCursor(options.after, [sortLast, sortFirst, attendees.id])))
    .orderBy(asc(sortLast), asc(sortFirst), asc(attendees.id))
    .limit(options.limit);
}

/** How many of the event's attendees match `q`, up to COUNT_CAP + 1 (exact without `q`). */
export async function countAttendees(db: DbOrTx, eventId: string, q?: string): Promise<number> {
  const match = matchingWords(q);
  const where = and(eq(attendees.eventId, eventId), match);
  const [row] = match
    ? await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(
        db
          .select({ one: sql`1`.as('one') })
          .from(attendees)
          .where(where)
          .limit(COUNT_CAP + 1)
          .as('m'),
      )
    : await db
        .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(attendees)
        .where(where);
  return row.n;
}

/** Whether the event holds any attendee (an import into an empty one needs no check against stored codes). */
export async function hasAttendees(db: DbOrTx, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: attendees.id }).from(attendees).where(eq(attendees.eventId, eventId)).limit(1);
  return row !== undefined;
}

/** Up to `limit` groups of the event's codes that differ only by case, each sorted (one grouped scan of the event). */
export async function caseClashingCodes(db: DbOrTx, eventId: string, limit: number): Promise<string[][]> {
  const rows = await db
    .select({ codes: sql<string>`string_agg(${attendees.ticketCode}, E'\\n' order by ${attendees.ticketCode} collate "C")` })
    .from(attendees)
    .where(eq(attendees.eventId, eventId))
    .groupBy(sql`lower(${attendees.ticketCode} collate "C")`)
    .having(sql`count(*) > 1`)
    .orderBy(sql`min(${attendees.ticketCode} collate "C")`)
    .limit(limit);
  return rows.map((r) => r.codes.split('\n'));
}
