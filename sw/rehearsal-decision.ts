// A scan during rehearsal (switched on, before doors): judged on the phone against the real
// list as the door will judge it once doors open, with the rehearsal's own admissions laid
// over the ticket's real state. Nothing goes to the scans table, the attendee rows or the
// outbox: the server never hears of it, so the audit stays empty and the ticket unused.
import type { CheckInRequestParsed, ScanResult } from '../shared/protocol/check-in.ts';
import { rehearsalJudgedAt } from '../shared/rehearsal.ts';
import { buildScanResult } from '../shared/scan-result.ts';
import { decideScan, describeDecision } from '../shared/verdict.ts';
import { findTicket } from '../phone/attendees.ts';
import type { FastCheckDb } from '../phone/database.ts';
import { keepRehearsalAdmission, rehearsalAdmission } from '../phone/rehearsal.ts';
import type { StoredSession } from '../phone/rows.ts';
import { scannedAttendee, verdictAttendee, verdictEntrance, verdictEvent } from './local-decision.ts';

export async function decideRehearsal(req: CheckInRequestParsed, at: Date, session: StoredSession, db: FastCheckDb): Promise<ScanResult> {
  const eventId = session.event.id;
  const real = await findTicket(req.ticket_code, db);
  const rehearsed = real ? await rehearsalAdmission(eventId, real.ticket_code, db) : undefined;
  const seen = real && rehearsed ? { ...real, checkins_used: rehearsed.checkins_used, inside: rehearsed.inside } : real;
  const entranceId = req.entrance_id ?? session.scanning_entrance_id ?? null;
  const entrance = verdictEntrance(session, entranceId);
  const event = verdictEvent(session);
  const attendee = seen ? verdictAttendee(seen) : null;
  const ticketTypeName = session.ticket_types.find((t) => t.id === seen?.ticket_type_id)?.name ?? null;
  const decision = decideScan({ attendee, ticketTypeName, entrance, event, direction: req.direction, at: rehearsalJudgedAt(event, entrance, at) });
  const prior =
    decision.verdict === 'already_checked_in' && rehearsed
      ? { at: new Date(rehearsed.scanned_at), entrance: verdictEntrance(session, rehearsed.entrance_id)?.name ?? null, device: null }
      : null;
  const message = describeDecision(decision, { attendee, ticketTypeName, entrance, direction: req.direction, timezone: event.timezone, firstScan: prior });
  if (seen && decision.next && (decision.next.checkinsUsed !== seen.checkins_used || decision.next.inside !== seen.inside)) {
    const admittedIn = req.direction === 'in' && decision.verdict === 'accepted';
    await keepRehearsalAdmission(
      eventId,
      seen.ticket_code,
      {
        checkins_used: decision.next.checkinsUsed,
        inside: decision.next.inside,
        scanned_at: admittedIn ? at.toISOString() : (rehearsed?.scanned_at ?? at.toISOString()),
        entrance_id: admittedIn ? entranceId : (rehearsed?.entrance_id ?? entranceId),
      },
      db,
    );
  }
  const after = scannedAttendee(seen, ticketTypeName, decision);
  return { ...buildScanResult({ scanId: req.scan_id, decision, message, attendee: after, firstScan: prior }), rehearsal: true };
}
