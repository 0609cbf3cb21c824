// Applying a Tickera sync to attendees and ticket_types. Rows are written only when
// their data changed (the stamp trigger then bumps change_seq, so phones' delta syncs
// stay small); checkins_used and inside belong to FastCheck's check-ins and are never
// touched here. Tickets are revoked, never deleted.
import { eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client.ts';
import { ticketTypes } from '../schema.ts';

/** Current allowance per ticket-type name (0 = unlimited), for the allowance rule in sync-apply.ts. */
export async function ticketTypeAllowances(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await db.select({ name: ticketTypes.name, allowed: ticketTypes.checkinsAllowed }).from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
  return new Map(rows.map((r) => [r.name, r.allowed]));
}

/** FastCheck check-ins already delivered to Tickera per ticket code (they are in Tickera's counts too). */
export async function deliveredWritebacks(database: Database, db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await database.query<{ code: string; n: number }>(
    sql`select ticket_code as code, count(*)::int as n from tickera_outbox where event_id = ${eventId} and status = 'done' group by ticket_code`,
    db,
  );
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
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
