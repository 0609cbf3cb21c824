// The console's attendee list: accent-folded search over name, email and ticket code, counted, paged by
// an opaque keyset cursor (the last row's sort key), so pages stay stable under writes.
import type { AttendeePage, ConsoleAttendee, ListAttendeesQuery } from '../../shared/protocol/attendees-import.ts';
import type { DbOrTx } from '../db/client.ts';
import { COUNT_CAP, searchAttendees, type AttendeeCursor, type AttendeeListRow } from '../db/repos/attendees.ts';
import { AppError } from '../http/app-error.ts';
import { iso } from './wire.ts';

const badCursor = () =>
  new AppError('validation_failed', 400, 'Invalid query: cursor: is not a cursor from this list', {
    issues: [{ path: 'cursor', message: 'is not a cursor from this list' }],
  });

export const encodeCursor = (key: AttendeeCursor) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): AttendeeCursor {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === 3 && typeof key[0] === 'string' && typeof key[1] === 'string' && Number.isSafeInteger(key[2])) {
      return key as AttendeeCursor;
    }
  } catch {
    // fall through
  }
  throw badCursor();
}

/** A list row in the wire shape. */
export function toConsoleAttendee(a: AttendeeListRow): ConsoleAttendee {
  return {
    id: Number(a.id),
    ticket_code: a.ticketCode,
    first_name: a.firstName,
    last_name: a.lastName,
    email: a.email,
    ticket_type_id: a.ticketTypeId,
    ticket_type: a.ticketType,
    checkins_allowed: a.checkinsAllowed,
    checkins_used: a.checkinsUsed,
    inside: a.inside,
    status: a.status,
    updated_at: iso(new Date(a.updatedAt)),
  };
}

export async function listAttendeePage(db: DbOrTx, eventId: string, query: ListAttendeesQuery): Promise<AttendeePage> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const q = query.q || undefined;
  const found = await searchAttendees(db, eventId, { q, after, limit: query.limit + 1 });
  const rows = found.rows;
  // The count only with the first page: later pages keep the one shown.
  const total = after ? null : (found.matches ?? 0);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    attendees: page.map(toConsoleAttendee),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.sortLast, last.sortFirst, Number(last.id)]) : null,
    total: total === null ? null : Math.min(total, COUNT_CAP),
    total_capped: total !== null && total > COUNT_CAP,
  };
}
