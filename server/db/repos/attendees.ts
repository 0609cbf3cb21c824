// SQL for attendees as the console sees them: batched upserts for imports and the
// keyset-paged search. An upsert only writes rows whose data changed, so the stamp
// trigger does not make phones re-download unchanged attendees; it never touches
// checkins_used or inside.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { resultRows, type DbOrTx } from '../client.ts';
import { attendees, ticketTypes } from '../schema.ts';

export interface AttendeeUpsert {
  ticket_code: string;
  first_name: string;
  last_name: string;
  email: string;
  ticket_type_id: string | null;
  checkins_allowed: number;
  status: 'valid' | 'cancelled' | 'revoked';
}

/**
 * Inserts or updates one batch (one statement; codes must be distinct within the batch).
 * Rows are shipped as one JSON parameter, so the statement's size does not grow with them.
 */
export async function upsertAttendeeBatch(
  db: DbOrTx,
  eventId: string,
  rows: AttendeeUpsert[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db.execute(sql`
    with up as (
      insert into attendees (event_id, ticket_code, first_name, last_name, email, ticket_type_id, checkins_allowed, status)
      select ${eventId}::uuid, r.ticket_code, r.first_name, r.last_name, r.email, r.ticket_type_id, r.checkins_allowed, r.status
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        ticket_code text, first_name text, last_name text, email text,
        ticket_type_id uuid, checkins_allowed integer, status attendee_status)
      on conflict (event_id, ticket_code) do update set
        first_name = excluded.first_name,
        last_name = excluded.last_name,
        email = excluded.email,
        ticket_type_id = excluded.ticket_type_id,
        checkins_allowed = excluded.checkins_allowed,
        status = excluded.status
      where (attendees.first_name, attendees.last_name, attendees.email, attendees.ticket_type_id,
             attendees.checkins_allowed, attendees.status)
        is distinct from (excluded.first_name, excluded.last_name, excluded.email, excluded.ticket_type_id,
             excluded.checkins_allowed, excluded.status)
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
  status: 'valid' | 'cancelled' | 'revoked';
  updatedAt: Date;
  sortLast: string;
  sortFirst: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A page of attendees whose name, email or ticket code starts with `q`. */
export async function searchAttendees(
  db: DbOrTx,
  eventId: string,
  options: { q?: string; after?: AttendeeCursor; limit: number },
): Promise<AttendeeListRow[]> {
  const sortLast = sql<string>`lower(${attendees.lastName})`;
  const sortFirst = sql<string>`lower(${attendees.firstName})`;
  let match: SQL | undefined;
  if (options.q) {
    const prefix = `${escapeLike(options.q.toLowerCase())}%`;
    match = sql`(${sortLast} like ${prefix} or ${sortFirst} like ${prefix}
      or lower(${attendees.firstName} || ' ' || ${attendees.lastName}) like ${prefix}
      or lower(${attendees.email}) like ${prefix} or lower(${attendees.ticketCode}) like ${prefix})`;
  }
  const after = options.after
    ? sql`(${sortLast}, ${sortFirst}, ${attendees.id}) > (${options.after[0]}, ${options.after[1]}, ${options.after[2]})`
    : undefined;
  return db
    .select({
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
      sortLast,
      sortFirst,
    })
    .from(attendees)
    .leftJoin(ticketTypes, eq(ticketTypes.id, attendees.ticketTypeId))
    .where(and(eq(attendees.eventId, eventId), match, after))
    .orderBy(asc(sortLast), asc(sortFirst), asc(attendees.id))
    .limit(options.limit);
}
