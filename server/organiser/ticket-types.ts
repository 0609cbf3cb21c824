// Ticket types of an event: names are unique within the event (409 otherwise).
import type { CreateTicketTypeRequest, UpdateTicketTypeRequest } from '../../shared/protocol/ticket-types.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { insertTicketType, updateTicketType, type TicketTypeRow } from '../db/repos/ticket-types.ts';
import { notFound } from '../http/app-error.ts';
import { isUuid } from '../auth/require-role.ts';
import { isUniqueViolation, taken } from './errors.ts';

const nameTaken = () => taken('name', 'This event already has a ticket type with that name');

export async function createTicketType(database: Database, actorId: string, eventId: string, input: CreateTicketTypeRequest): Promise<TicketTypeRow> {
  return database.db.transaction(async (tx) => {
    const row = await insertTicketType(tx, { eventId, name: input.name, externalId: input.external_id, checkinsAllowed: input.checkins_allowed });
    if (!row) throw nameTaken();
    await appendAudit(tx, { userId: actorId, action: 'ticket_type.create', targetType: 'ticket_type', targetId: row.id, eventId, details: { name: row.name } });
    return row;
  });
}

export async function changeTicketType(
  database: Database,
  actorId: string,
  eventId: string,
  id: string,
  input: UpdateTicketTypeRequest,
): Promise<TicketTypeRow> {
  if (!isUuid(id)) throw notFound('Ticket type');
  try {
    return await database.db.transaction(async (tx) => {
      const row = await updateTicketType(tx, eventId, id, { name: input.name, externalId: input.external_id, checkinsAllowed: input.checkins_allowed });
      if (!row) throw notFound('Ticket type');
      await appendAudit(tx, {
        userId: actorId,
        action: 'ticket_type.update',
        targetType: 'ticket_type',
        targetId: id,
        eventId,
        details: { changed: Object.keys(input) },
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}
