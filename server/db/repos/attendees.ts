// SQL for attendees as the console sees them: batched upserts (imports and Tickera syncs)
// and the keyset-paged, accent-folded search. An upsert only writes rows whose data changed, so the stamp
// trigger does not make phones re-download unchanged attendees; it never touches
// checkins_used or inside.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AttendeeStatus } from '../../../shared/protocol/common.ts';
import { searchFold } from '../../../shared/search-fold.ts';
import { resultRows, type DbOrTx } from '../client.ts';
import { pgArray } from './check-ins.ts';
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Attendees whose folded name, email or code (search_key) contains every word of `q`, folded
 * the same way (shared/search-fold.ts): "muller" finds "Müller". Trigram-indexed.
 */
function matchingWords(q: string | undefined): SQL | undefined {
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

/** Up to this many matches are found through the trigram index first, then read by id. */
const FEW_MATCHES = 1000;

/**
 * A page of attendees matching `q` (see matchingWords), in name order, after the cursor.
 * A text that matches few attendees finds them through the trigram index, then sorts just
 * them; one that matches many walks the name index, where matches are dense. (Left to the
 * planner, a common name late in the alphabet walked most of the event to fill a page.)
 */
export async function searchAttendees(db: DbOrTx, eventId: string, options: { q?: string; after?: AttendeeCursor; limit: number }): Promise<AttendeeListRow[]> {
  const { sortLast, sortFirst } = listColumns;
  let match = matchingWords(options.q);
  if (match) {
    const few = await db
      .select({ id: attendees.id })
      .from(attendees)
      .where(and(eq(attendees.eventId, eventId), match))
      .limit(FEW_MATCHES + 1);
    if (few.length <= FEW_MATCHES) match = few.length ? sql`${attendees.id} = any(${pgArray(few.map((a) => a.id))}::bigint[])` : sql`false`;
  }
  const after = options.after ? sql`(${sortLast}, ${sortFirst}, ${attendees.id}) > (${options.after[0]}, ${options.after[1]}, ${options.after[2]})` : undefined;
  return db
    .select(listColumns)
    .from(attendees)
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(and(eq(attendees.eventId, eventId), match, after))
    .orderBy(asc(sortLast), asc(sortFirst), asc(attendees.id))
    .limit(options.limit);
}

/** Counts stop here: beyond it the console says "10,000+" (an exact count would read every match). */
export const COUNT_CAP = 10_000;

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
