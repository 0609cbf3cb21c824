// Attendee import: validated rows → one transaction of batched upserts, all or nothing.
// Unknown ticket type names create ticket types; the counts say what changed. In an event that
// matches ticket codes without case, an import that would hold two codes differing only by
// case (in the file, or against the stored list) is refused, naming them: a door could admit
// neither by typing it (shared/ticket-code.ts pickTicket matches only the identical code then).
import type { ImportResult } from '../../shared/protocol/attendees-import.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { caseCollisions } from '../../shared/ticket-code.ts';
import { caseClashingCodes, upsertAttendees, type AttendeeUpsert } from '../db/repos/attendees.ts';
import { upsertTicketTypes } from '../db/repos/ticket-types.ts';
import { AppError } from '../http/app-error.ts';
import type { ValidRow } from './import-rows.ts';

export const IMPORT_BATCH_SIZE = 5000;

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

export async function importAttendees(
  database: Database,
  input: { eventId: string; userId: string; rows: ValidRow[]; format: 'csv' | 'json'; exactCase: boolean },
): Promise<ImportResult> {
  const { eventId, rows } = input;
  return database.db.transaction(async (tx) => {
    // In the file: found before any write. Against the stored list: one grouped read after the
    // upserts (cheaper than probing every code first), and the throw rolls everything back.
    const inFile = input.exactCase ? [] : caseCollisions(rows.map((r) => r.ticket_code));
    if (inFile.length > 0) throw caseClashError(inFile);
    const names = [...new Set(rows.map((r) => r.ticket_type).filter(Boolean))];
    const { byName, created } = await upsertTicketTypes(tx, eventId, { source: 'import', names });
    let inserted = 0;
    let updated = 0;
    for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
      const batch: AttendeeUpsert[] = rows.slice(start, start + IMPORT_BATCH_SIZE).map((r) => {
        const type = r.ticket_type ? byName.get(r.ticket_type) : undefined;
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
      const counts = await upsertAttendees(tx, eventId, { source: 'import', rows: batch });
      inserted += counts.inserted;
      updated += counts.updated;
    }
    if (!input.exactCase) {
      const stored = await caseClashingCodes(tx, eventId, SHOWN_CLASHES + 1);
      if (stored.length > 0) throw caseClashError(stored);
    }
    const result: ImportResult = { inserted, updated, unchanged: rows.length - inserted - updated, ticket_types_created: created };
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
