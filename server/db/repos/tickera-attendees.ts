// Applying a Tickera sync to attendees and ticket_types. Rows are written only when
// their data changed (the stamp trigger then bumps change_seq, so phones' delta syncs
// stay small); checkins_used and inside belong to FastCheck's check-ins and are never
// touched here. Tickets are revoked, never deleted.
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client.ts';
import { ticketTypes } from '../schema.ts';

export interface SyncedAttendee {
  ticket_code: string;
  first_name: string;
  last_name: string;
  email: string;
  ticket_type_id: string;
  checkins_allowed: number;
  external_checkins: number;
}

/** Current allowance per ticket-type name (0 = unlimited), for the allowance rule in sync-apply.ts. */
export async function ticketTypeAllowances(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await db.select({ name: ticketTypes.name, allowed: ticketTypes.checkinsAllowed }).from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
  return new Map(rows.map((r) => [r.name, r.allowed]));
}

/** Creates or updates ticket types by name; returns name → id for every type of the event. */
export async function upsertTicketTypes(db: DbOrTx, eventId: string, types: Array<{ name: string; checkinsAllowed: number }>): Promise<Map<string, string>> {
  if (types.length) {
    await db
      .insert(ticketTypes)
      .values(types.map((t) => ({ eventId, name: t.name, externalId: t.name, checkinsAllowed: t.checkinsAllowed })))
      .onConflictDoUpdate({
        target: [ticketTypes.eventId, ticketTypes.name],
        set: { checkinsAllowed: sql`excluded.checkins_allowed`, updatedAt: sql`now()` },
        setWhere: sql`${ticketTypes.checkinsAllowed} IS DISTINCT FROM excluded.checkins_allowed`,
      });
  }
  const rows = await db.select({ id: ticketTypes.id, name: ticketTypes.name }).from(ticketTypes).where(and(eq(ticketTypes.eventId, eventId)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** FastCheck check-ins already delivered to Tickera per ticket code (they are in Tickera's counts too). */
export async function deliveredWritebacks(database: Database, db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await database.query<{ code: string; n: number }>(
    sql`select ticket_code as code, count(*)::int as n from tickera_outbox where event_id = ${eventId} and status = 'done' group by ticket_code`,
    db,
  );
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** Upserts one batch; a row that comes back revoked is valid again. Counts what was written. */
export async function upsertSyncedAttendees(database: Database, db: DbOrTx, eventId: string, rows: SyncedAttendee[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await database.query<{ inserted: boolean }>(
    sql`
      insert into attendees (event_id, ticket_code, first_name, last_name, email, ticket_type_id, checkins_allowed, external_checkins, status)
      select ${eventId}::uuid, r.ticket_code, r.first_name, r.last_name, r.email, r.ticket_type_id, r.checkins_allowed, r.external_checkins, 'valid'
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        ticket_code text, first_name text, last_name text, email text, ticket_type_id uuid, checkins_allowed int, external_checkins int)
      on conflict (event_id, ticket_code) do update set
        first_name = excluded.first_name,
        last_name = excluded.last_name,
        email = excluded.email,
        ticket_type_id = excluded.ticket_type_id,
        checkins_allowed = excluded.checkins_allowed,
        external_checkins = excluded.external_checkins,
        status = case when attendees.status = 'revoked' then 'valid'::attendee_status else attendees.status end
      where (attendees.first_name, attendees.last_name, attendees.email, attendees.ticket_type_id,
             attendees.checkins_allowed, attendees.external_checkins, attendees.status = 'revoked')
        is distinct from (excluded.first_name, excluded.last_name, excluded.email, excluded.ticket_type_id,
             excluded.checkins_allowed, excluded.external_checkins, false)
      returning (xmax = 0) as inserted`,
    db,
  );
  const inserted = result.filter((r) => r.inserted === true || (r.inserted as unknown) === 't').length;
  return { inserted, updated: result.length - inserted };
}

export async function countValidAttendees(database: Database, db: DbOrTx, eventId: string): Promise<number> {
  const [row] = await database.query<{ n: number | string }>(
    sql`select count(*)::int as n from attendees where event_id = ${eventId} and status = 'valid'`,
    db,
  );
  return Number(row?.n ?? 0);
}

/** Marks valid tickets missing from a complete sync as revoked; returns how many. */
export async function revokeMissingAttendees(database: Database, db: DbOrTx, eventId: string, presentCodes: string[]): Promise<number> {
  const rows = await database.query<{ id: number }>(
    sql`
      update attendees set status = 'revoked'
      where event_id = ${eventId} and status = 'valid'
        and ticket_code not in (select jsonb_array_elements_text(${JSON.stringify(presentCodes)}::jsonb))
      returning id`,
    db,
  );
  return rows.length;
}
