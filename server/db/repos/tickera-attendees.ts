// Applying a Tickera sync to attendees and ticket_types. Rows are written only when
// their data changed (the stamp trigger then bumps change_seq, so phones' delta syncs
// stay small); checkins_used and inside belong to FastCheck's check-ins and are never
// touched here. Tickets are revoked, never deleted.
import { and, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { attendees, tickeraOutbox, ticketTypes } from '../schema.ts';

/** Current allowance per ticket-type name (0 = unlimited), for the allowance rule in sync-apply.ts. */
export async function ticketTypeAllowances(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await db.select({ name: ticketTypes.name, allowed: ticketTypes.checkinsAllowed }).from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
  return new Map(rows.map((r) => [r.name, r.allowed]));
}

/** FastCheck check-ins already delivered to Tickera per ticket code (they are in Tickera's counts too). */
export async function deliveredWritebacks(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: tickeraOutbox.ticketCode, n: sql<number>`count(*)`.mapWith(Number) })
    .from(tickeraOutbox)
    .where(and(eq(tickeraOutbox.eventId, eventId), eq(tickeraOutbox.status, 'done')))
    .groupBy(tickeraOutbox.ticketCode);
  return new Map(rows.map((r) => [r.code, r.n]));
}

export async function countValidAttendees(db: DbOrTx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(attendees)
    .where(and(eq(attendees.eventId, eventId), eq(attendees.status, 'valid')));
  return row?.n ?? 0;
}

/** Marks valid tickets missing from a complete sync as revoked; returns how many. */
export async function revokeMissingAttendees(db: DbOrTx, eventId: string, presentCodes: string[]): Promise<number> {
  const rows = await db
    .update(attendees)
    .set({ status: 'revoked' })
    .where(
      and(
        eq(attendees.eventId, eventId),
        eq(attendees.status, 'valid'),
        sql`${attendees.ticketCode} not in (select jsonb_array_elements_text(${JSON.stringify(presentCodes)}::jsonb))`,
      ),
    )
    .returning({ id: attendees.id });
  return rows.length;
}
