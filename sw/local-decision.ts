// Decides a scan on the phone when the server cannot answer in time: the shared `verdict`
// over the Dexie copy, in one transaction that also bumps the attendee, records the scan
// and queues it for upload — so a second scan of the same ticket offline is refused.
import type { CheckInRequestParsed, ScanResult } from '../shared/protocol/check-in.ts';
import { normalizeTicketCode } from '../shared/ticket-code.ts';
import { decideScan, describeDecision, type PriorScan, type VerdictAttendee, type VerdictEntrance, type VerdictEvent } from '../shared/verdict.ts';
import { fullName, type CachedAttendee } from '../client/db/attendees.ts';
import { database, type FastCheckDb } from '../client/db/database.ts';
import { enqueueScan } from '../client/db/outbox.ts';
import { lastAdmission, recordScan } from '../client/db/scans.ts';
import type { StoredSession } from '../client/db/session.ts';

export class NotSignedInError extends Error {}

const toDate = (s: string | null) => (s ? new Date(s) : null);

export function verdictEvent(session: StoredSession): VerdictEvent {
  const e = session.event;
  return { startsAt: toDate(e.starts_at), endsAt: toDate(e.ends_at), reentryAllowed: e.reentry_allowed, timezone: e.timezone };
}

export function verdictEntrance(session: StoredSession, entranceId: string | null | undefined): VerdictEntrance | null {
  const e = session.entrances.find((x) => x.id === entranceId);
  if (!e) return null;
  return { name: e.name, allowedTicketTypeIds: e.allowed_ticket_type_ids, opensAt: toDate(e.opens_at), closesAt: toDate(e.closes_at) };
}

export function verdictAttendee(a: CachedAttendee): VerdictAttendee {
  return {
    name: fullName(a),
    status: a.status,
    ticketTypeId: a.ticket_type_id,
    checkinsAllowed: a.checkins_allowed,
    checkinsUsed: a.checkins_used,
    inside: a.inside,
  };
}

/** When the verdict was known (performance.now()), before it was stored: for measurements. */
export interface DecisionTiming {
  decidedAt?: number;
}

export async function decideLocally(req: CheckInRequestParsed, now: Date, db: FastCheckDb = database(), timing: DecisionTiming = {}): Promise<ScanResult> {
  const code = normalizeTicketCode(req.ticket_code);
  return db.transaction('rw', [db.session, db.attendees, db.scans, db.outbox], async () => {
    const repeated = await db.scans.get(req.scan_id);
    if (repeated) return repeated.result;
    const session = await db.session.get('current');
    if (!session) throw new NotSignedInError('This phone is not signed in to a gate');
    const cached = await db.attendees.get(code);
    const entranceId = req.entrance_id ?? session.scanning_entrance_id ?? null;
    const entrance = verdictEntrance(session, entranceId);
    const event = verdictEvent(session);
    const ticketTypeName = session.ticket_types.find((t) => t.id === cached?.ticket_type_id)?.name ?? null;
    const attendee = cached ? verdictAttendee(cached) : null;
    const at = req.scanned_at ? new Date(req.scanned_at) : now;
    const decision = decideScan({ attendee, ticketTypeName, entrance, event, direction: req.direction, at });
    timing.decidedAt = performance.now();

    let prior: PriorScan | null = null;
    if (decision.verdict === 'already_checked_in') {
      const last = await lastAdmission(code, db);
      if (last) prior = { at: new Date(last.scanned_at), entrance: verdictEntrance(session, last.entrance_id)?.name ?? null, device: null };
    }
    const message = describeDecision(decision, { attendee, ticketTypeName, entrance, direction: req.direction, timezone: event.timezone, firstScan: prior });
    if (cached && decision.next) {
      await db.attendees.update(code, { checkins_used: decision.next.checkinsUsed, inside: decision.next.inside });
    }
    const result: ScanResult = {
      scan_id: req.scan_id,
      verdict: decision.verdict,
      message,
      attendee: cached
        ? {
            name: fullName(cached),
            ticket_type: ticketTypeName,
            checkins_used: decision.next?.checkinsUsed ?? cached.checkins_used,
            checkins_allowed: cached.checkins_allowed,
            inside: decision.next?.inside ?? cached.inside,
          }
        : null,
      first_scan: prior ? { at: prior.at.toISOString(), entrance: prior.entrance, device: null } : null,
      offline: true,
      reentry: decision.reentry,
    };
    const scannedAt = at.toISOString();
    await recordScan(
      {
        scan_id: req.scan_id,
        ticket_code: code,
        direction: req.direction,
        entrance_id: entranceId,
        scanned_at: scannedAt,
        local_verdict: decision.verdict,
        verdict: decision.verdict,
        state: 'pending',
        offline: true,
        result,
        error: null,
      },
      db,
    );
    await enqueueScan(
      {
        scan_id: req.scan_id,
        ticket_code: code,
        scanned_at: scannedAt,
        entrance_id: entranceId ?? undefined,
        direction: req.direction,
        local_verdict: decision.verdict,
        offline: true,
      },
      db,
    );
    return result;
  });
}
