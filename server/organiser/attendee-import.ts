// Attendee import: validated rows → one transaction of batched upserts, all or nothing.
// Unknown ticket type names create ticket types; the counts say what changed.
import type { ImportResult } from '../../shared/protocol/attendees-import.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { upsertAttendees, type AttendeeUpsert } from '../db/repos/attendees.ts';
import { upsertTicketTypes } from '../db/repos/ticket-types.ts';
import type { ValidRow } from './import-rows.ts';

export const IMPORT_BATCH_SIZE = 5000;

export async function importAttendees(
  database: Database,
  input: { eventId: string; userId: string; rows: ValidRow[]; format: 'csv' | 'json' },
): Promise<ImportResult> {
  const { eventId, rows } = input;
  return database.db.transaction(async (tx) => {
    const names = [...new Set(rows.map((r) => r.ticket_type).filter(Boolean))];
    const { byName, created } = await upsertTicketTypes(
      tx,
      eventId,
      names.map((name) => ({ name })),
    );
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
