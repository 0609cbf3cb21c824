// Entrances of an event: names are unique within the event, and the ticket types an
// entrance admits must be the event's own.
import type { CreateEntranceRequest, UpdateEntranceRequest } from '../../shared/protocol/entrances.ts';
import type { Database } from '../db/client.ts';
import type { DbOrTx } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { credentialsBoundTo, getEntrance, insertEntrance, removeEntrance, updateEntrance, type EntranceRow } from '../db/repos/entrances.ts';
import { countTicketTypesIn } from '../db/repos/ticket-types.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { isUuid } from '../auth/require-role.ts';
import { fieldError, isUniqueViolation, taken } from './errors.ts';
import { toDate } from './wire.ts';

const nameTaken = () => taken('name', 'This event already has an entrance with that name');

async function checkTicketTypes(db: DbOrTx, eventId: string, ids: string[] | undefined): Promise<string[] | undefined> {
  if (!ids) return undefined;
  const unique = [...new Set(ids)];
  if ((await countTicketTypesIn(db, eventId, unique)) !== unique.length) {
    throw fieldError('allowed_ticket_type_ids', 'every id must be a ticket type of this event');
  }
  return unique;
}

export async function createEntrance(database: Database, actorId: string, eventId: string, input: CreateEntranceRequest): Promise<EntranceRow> {
  const allowed = await checkTicketTypes(database.db, eventId, input.allowed_ticket_type_ids);
  return database.db.transaction(async (tx) => {
    const row = await insertEntrance(tx, {
      eventId,
      name: input.name,
      allowedTicketTypeIds: allowed,
      opensAt: toDate(input.opens_at),
      closesAt: toDate(input.closes_at),
    });
    if (!row) throw nameTaken();
    await appendAudit(tx, { userId: actorId, action: 'entrance.create', targetType: 'entrance', targetId: row.id, eventId, details: { name: row.name } });
    return row;
  });
}

export async function changeEntrance(database: Database, actorId: string, eventId: string, id: string, input: UpdateEntranceRequest): Promise<EntranceRow> {
  const before = isUuid(id) ? await getEntrance(database.db, eventId, id) : undefined;
  if (!before) throw notFound('Entrance');
  const opensAt = input.opens_at === undefined ? before.opensAt : toDate(input.opens_at);
  const closesAt = input.closes_at === undefined ? before.closesAt : toDate(input.closes_at);
  if (opensAt && closesAt && closesAt < opensAt)
    throw fieldError(input.closes_at !== undefined ? 'closes_at' : 'opens_at', 'the entrance must not close before it opens');
  const allowed = await checkTicketTypes(database.db, eventId, input.allowed_ticket_type_ids);
  try {
    return await database.db.transaction(async (tx) => {
      const row = (await updateEntrance(tx, eventId, id, {
        name: input.name,
        allowedTicketTypeIds: allowed,
        opensAt: toDate(input.opens_at),
        closesAt: toDate(input.closes_at),
      }))!;
      await appendAudit(tx, {
        userId: actorId,
        action: 'entrance.update',
        targetType: 'entrance',
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

/**
 * Removes an entrance: phones that chose it are told at their next sync and choose another.
 * Refused while a live credential is bound to it: its phones' tokens fix that entrance, so
 * their scans would still be judged there (revoke those credentials first).
 */
export async function deleteEntrance(database: Database, actorId: string, eventId: string, id: string): Promise<EntranceRow> {
  if (!isUuid(id)) throw notFound('Entrance');
  return database.db.transaction(async (tx) => {
    const bound = await credentialsBoundTo(tx, id);
    if (bound.length > 0) {
      const message = `Scanner credentials are bound to this entrance (${bound.join(', ')}): revoke them first`;
      throw new AppError('conflict', 409, message, { credentials: bound });
    }
    const row = await removeEntrance(tx, eventId, id);
    if (!row) throw notFound('Entrance');
    await appendAudit(tx, { userId: actorId, action: 'entrance.remove', targetType: 'entrance', targetId: id, eventId, details: { name: row.name } });
    return row;
  });
}
