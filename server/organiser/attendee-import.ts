// Attendee import: validated rows → one transaction (COPY into a staging table, one merge),
// all or nothing. Ticket type names match the event's types whatever their case and spacing
// ("vip pass" is "VIP Pass"); a name new to the event creates a type spelt as the file first
// spells it. The counts say what changed. In an event that
// matches ticket codes without case, an import that would hold two codes differing only by
// case (in the file, or against the stored list) is refused, naming them: a door could admit
// neither by typing it (shared/ticket-code.ts pickTicket matches only the identical code then).
import type { ImportResult } from '../../shared/protocol/attendees-import.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { ticketTypeKey } from '../../shared/protocol/import-columns.ts';
import { caseCollisions } from '../../shared/ticket-code.ts';
import { writeImportedAttendees } from '../db/repos/attendee-staging.ts';
import { caseClashingCodes, type AttendeeUpsert } from '../db/repos/attendees.ts';
import { listTicketTypes, upsertTicketTypes, type TicketTypeRow } from '../db/repos/ticket-types.ts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { ValidRow } from './import-rows.ts';

const SHOWN_CLASHES = 5;

function caseClashError(clashes: string[][]): AppError {
  const shown = clashes
    .slice(0, SHOWN_CLASHES)
    .map((g) => g.join(' and '))
    .join('; ');
  const more = clashes.length > SHOWN_CLASHES ? ` (and more)` : '';
  return new AppError(
    'validation_failed',
    400,
    `Ticket codes that differ only by case: ${shown}${more}. This event matches codes whatever their case, so a door could not tell them apart: make them distinct, or make the event's ticket codes case-sensitive. Nothing was imported.`,
    { column: 'ticket_code', reason: 'codes differ only by case', codes: clashes.slice(0, SHOWN_CLASHES) },
  );
}

/**
 * The ticket type of every name in the file, by its key: the event's own type when one
 * matches without case, else one created with the file's first spelling.
 */
async function ticketTypesByKey(tx: DbOrTx, eventId: string, rows: ValidRow[]): Promise<{ byKey: Map<string, TicketTypeRow>; created: number }> {
  const byKey = new Map<string, TicketTypeRow>();
  for (const type of await listTicketTypes(tx, eventId)) if (!byKey.has(ticketTypeKey(type.name))) byKey.set(ticketTypeKey(type.name), type);
  const missing = new Map<string, string>();
  for (const r of rows) {
    if (!r.ticket_type) continue;
    const key = ticketTypeKey(r.ticket_type);
    if (!byKey.has(key) && !missing.has(key)) missing.set(key, r.ticket_type.replace(/\s+/g, ' '));
  }
  const { byName, created } = await upsertTicketTypes(tx, eventId, { source: 'import', names: [...missing.values()] });
  for (const type of byName.values()) byKey.set(ticketTypeKey(type.name), type);
  return { byKey, created };
}

export async function importAttendees(
  database: Database,
  input: { eventId: string; userId: string; rows: ValidRow[]; format: 'csv' | 'json'; exactCase: boolean; ignoredColumns?: string[] },
): Promise<ImportResult> {
  const { eventId, rows } = input;
  return database.db.transaction(async (tx) => {
    // In the file: found before any write. Against the stored list: one grouped read after the
    // upserts (cheaper than probing every code first), and the throw rolls everything back.
    const inFile = input.exactCase ? [] : caseCollisions(rows.map((r) => r.ticket_code));
    if (inFile.length > 0) throw caseClashError(inFile);
    const { byKey, created } = await ticketTypesByKey(tx, eventId, rows);
    const upserts = rows.map((r): AttendeeUpsert => {
      const type = r.ticket_type ? byKey.get(ticketTypeKey(r.ticket_type)) : undefined;
      return {
        ticket_code: r.ticket_code,
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        ticket_type_id: type?.id ?? null,
        checkins_allowed: r.allowed_checkins ?? type?.checkinsAllowed ?? 1,
        status: r.status,
      };
    });
    const { inserted, updated } = await writeImportedAttendees(tx, eventId, upserts);
    if (!input.exactCase) {
      const stored = await caseClashingCodes(tx, eventId, SHOWN_CLASHES + 1);
      if (stored.length > 0) throw caseClashError(stored);
    }
    const result: ImportResult = { inserted, updated, unchanged: rows.length - inserted - updated, ticket_types_created: created };
    if (input.ignoredColumns?.length) result.ignored_columns = input.ignoredColumns;
    await appendAudit(tx, {
      userId: input.userId,
      action: 'attendees.import',
      targetType: 'event',
      targetId: eventId,
      eventId,
      details: { format: input.format, rows: rows.length, ...result },
    });
    return result;
  });
}
