// Event set-up: create, change, archive, and who else may manage an event (grants).
// Every change is written to admin_audit in the same transaction.
import type { CreateEventRequest, UpdateEventRequest } from '../../shared/protocol/events.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { caseClashingCodes } from '../db/repos/attendees.ts';
import { deleteGrant, insertEvent, putGrant, updateEvent, type EventRow, type NewEvent } from '../db/repos/events.ts';
import { getUser } from '../db/repos/users.ts';
import { AppError, forbidden, notFound } from '../http/app-error.ts';
import type { SignedInUser } from '../auth/require-role.ts';
import { fieldError } from './errors.ts';
import { toDate } from './wire.ts';

/** Only admins choose an owner, and it must be a console user who can organise. */
async function checkOwner(database: Database, actor: SignedInUser, ownerId: string | null | undefined): Promise<void> {
  if (ownerId === undefined || ownerId === actor.id) return;
  if (actor.role !== 'admin') throw forbidden('Only an admin can give an event to someone else');
  if (ownerId === null) return;
  const owner = await getUser(database.db, ownerId);
  if (!owner || (owner.role !== 'organiser' && owner.role !== 'admin')) throw fieldError('owner_id', 'must be an organiser or admin');
}

const eventFields = (input: Partial<CreateEventRequest>): Partial<NewEvent> => ({
  name: input.name,
  location: input.location,
  timezone: input.timezone,
  startsAt: toDate(input.starts_at),
  endsAt: toDate(input.ends_at),
  reentryAllowed: input.reentry_allowed,
  ticketCodeExactCase: input.ticket_code_exact_case,
  source: input.source,
  ownerId: input.owner_id,
  doorsOpenMinutesBefore: input.doors_open_minutes_before,
  rehearsal: input.rehearsal,
  // An end the organiser gives or confirms is no longer one the server assumed.
  endConfirmed: input.ends_at !== undefined || input.end_confirmed ? true : undefined,
});

export async function createEvent(database: Database, actor: SignedInUser, input: CreateEventRequest): Promise<EventRow> {
  await checkOwner(database, actor, input.owner_id);
  return database.db.transaction(async (tx) => {
    const event = await insertEvent(tx, { ...eventFields(input), name: input.name, ownerId: input.owner_id ?? actor.id });
    await appendAudit(tx, {
      userId: actor.id,
      action: 'event.create',
      targetType: 'event',
      targetId: event.id,
      eventId: event.id,
      details: { name: event.name },
    });
    return event;
  });
}

export async function changeEvent(database: Database, actor: SignedInUser, event: EventRow, input: UpdateEventRequest): Promise<EventRow> {
  await checkOwner(database, actor, input.owner_id);
  const startsAt = input.starts_at === undefined ? event.startsAt : toDate(input.starts_at);
  const endsAt = input.ends_at === undefined ? event.endsAt : toDate(input.ends_at);
  if (startsAt && endsAt && endsAt < startsAt) {
    throw fieldError(input.ends_at !== undefined ? 'ends_at' : 'starts_at', 'the event must not end before it starts');
  }
  const patch = Object.fromEntries(Object.entries(eventFields(input)).filter(([, v]) => v !== undefined));
  return database.db.transaction(async (tx) => {
    // Matching without case needs codes that stay distinct without it.
    if (input.ticket_code_exact_case === false && event.ticketCodeExactCase) {
      const clashes = await caseClashingCodes(tx, event.id, 5);
      if (clashes.length > 0) {
        throw fieldError(
          'ticket_code_exact_case',
          `the event holds ticket codes that differ only by case (${clashes.map((g) => g.join(' and ')).join('; ')}), which a door could not tell apart`,
        );
      }
    }
    const updated = (await updateEvent(tx, event.id, patch))!;
    await appendAudit(tx, {
      userId: actor.id,
      action: 'event.update',
      targetType: 'event',
      targetId: event.id,
      eventId: event.id,
      details: { changed: Object.keys(input) },
    });
    return updated;
  });
}

export async function archiveEvent(database: Database, actor: SignedInUser, event: EventRow, now: Date): Promise<EventRow> {
  if (event.archivedAt) return event;
  return database.db.transaction(async (tx) => {
    const updated = (await updateEvent(tx, event.id, { archivedAt: now }))!;
    await appendAudit(tx, { userId: actor.id, action: 'event.archive', targetType: 'event', targetId: event.id, eventId: event.id });
    return updated;
  });
}

/** Grants (or with `grant` false, withdraws) a console user's access to an event. */
export async function setGrant(database: Database, actor: SignedInUser, event: EventRow, userId: string, grant: boolean): Promise<void> {
  const user = await getUser(database.db, userId);
  if (!user) throw notFound('User');
  if (grant && user.role !== 'organiser' && user.role !== 'supervisor') {
    throw new AppError('validation_failed', 400, 'Only organisers and supervisors are granted events; admins see every event', {
      issues: [{ path: 'user_id', message: 'must be an organiser or supervisor' }],
    });
  }
  await database.db.transaction(async (tx) => {
    if (grant) await putGrant(tx, event.id, userId);
    else if (!(await deleteGrant(tx, event.id, userId))) return;
    await appendAudit(tx, { userId: actor.id, action: grant ? 'event.grant' : 'event.ungrant', targetType: 'user', targetId: userId, eventId: event.id });
  });
}
