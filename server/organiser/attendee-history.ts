// One attendee's scan history for the console: every attempt at a door for the ticket, every
// check-in by hand and every void, newest first by scan time, with who made each. Read through
// check_ins_attendee_idx (the voids carry the attendee too), so it stays short at any log size.
import { MAX_HISTORY_ROWS, type AttemptSource, type AttendeeHistory } from '../../shared/protocol/attendee-desk.ts';
import { auditRow } from '../checkin/audit-log.ts';
import type { DbOrTx } from '../db/client.ts';
import { getAttendeeRow } from '../db/repos/attendees.ts';
import { listCheckIns, type AuditRecord } from '../db/repos/check-ins.ts';
import type { EventRow } from '../db/repos/events.ts';
import { userNames } from '../db/repos/users.ts';
import { notFound } from '../http/app-error.ts';
import { toConsoleAttendee } from './attendee-list.ts';

const sourceOf = (r: AuditRecord): AttemptSource => (r.kind === 'tickera_conflict' ? 'tickera' : r.deviceId ? 'phone' : r.userId ? 'console' : 'tickera');

export async function attendeeHistory(db: DbOrTx, event: EventRow, attendeeId: number): Promise<AttendeeHistory> {
  const [attendee, rows] = await Promise.all([getAttendeeRow(db, event.id, attendeeId), listCheckIns(db, event.id, { attendeeId, limit: MAX_HISTORY_ROWS })]);
  if (!attendee) throw notFound('Attendee');
  const names = await userNames(db, [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))]);
  const newestFirst = [...rows].sort((a, b) => b.scannedAt.getTime() - a.scannedAt.getTime() || b.id - a.id);
  return {
    attendee: toConsoleAttendee(attendee),
    check_ins: newestFirst.map((r) => ({ ...auditRow(r), source: sourceOf(r), user: r.userId ? (names.get(r.userId) ?? null) : null })),
    timezone: event.timezone,
  };
}
