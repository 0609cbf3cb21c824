// Decides a scan on the phone when the server cannot answer in time: the shared `verdict`
// over the Dexie copy. The verdict comes from a read-only lookup (it never queues behind
// the page's or the outbox's transactions) plus the in-memory states of local decisions
// whose write has not committed yet, so a second scan of a ticket is refused at once. The
// write (attendee, scan, outbox) re-checks the attendee in its own transaction and decides
// again if it changed meanwhile; the page gets the result only once it has committed.
import type { CheckInRequestParsed, ScanResult } from '../shared/protocol/check-in.ts';
import { buildScanResult, type ScannedAttendee } from '../shared/scan-result.ts';
import { normalizeTicketCode, pickTicket, ticketCodeKey } from '../shared/ticket-code.ts';
import {
  type Decision,
  decideScan,
  describeDecision,
  type PriorScan,
  type VerdictAttendee,
  type VerdictEntrance,
  type VerdictEvent,
} from '../shared/verdict.ts';
import { fullName } from '../phone/attendees.ts';
import type { CachedAttendee } from '../phone/rows.ts';
import { database, type FastCheckDb } from '../phone/database.ts';
import { enqueueScan } from '../phone/outbox.ts';
import { lastAdmission, recordScan } from '../phone/scans.ts';
import type { LocalScan } from '../phone/rows.ts';
import type { StoredSession } from '../phone/rows.ts';

export class NotSignedInError extends Error {}

const toDate = (s: string | null) => (s ? new Date(s) : null);

export function verdictEvent(session: StoredSession): VerdictEvent {
  const e = session.event;
  return {
    startsAt: toDate(e.starts_at),
    endsAt: toDate(e.ends_at),
    reentryAllowed: e.reentry_allowed,
    timezone: e.timezone,
    doorsOpenMinutesBefore: e.doors_open_minutes_before,
  };
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

/** The ticket as a decision leaves it, for the scan result. */
export function scannedAttendee(a: CachedAttendee | undefined, ticketTypeName: string | null, decision: Pick<Decision, 'next'>): ScannedAttendee | null {
  if (!a) return null;
  return {
    name: fullName(a),
    ticketTypeName,
    checkinsAllowed: a.checkins_allowed,
    checkinsUsed: decision.next?.checkinsUsed ?? a.checkins_used,
    inside: decision.next?.inside ?? a.inside,
  };
}

/** When the verdict was known (performance.now()), before it was stored: for measurements. */
export interface DecisionTiming {
  decidedAt?: number;
}

/** An attendee as a local decision left it, until that decision's write commits. */
interface InFlight {
  token: number;
  checkins_used: number;
  inside: boolean;
  status: CachedAttendee['status'];
  /** The admission it recorded, for "already checked in at 19:42 at Main". */
  lastIn: { scanned_at: string; entrance_id: string | null } | null;
}

const inFlight = new Map<string, InFlight>();
let nextToken = 0;
const inFlightKey = (db: FastCheckDb, code: string) => `${db.name}\u0000${code}`;

const withInFlight = (a: CachedAttendee | undefined, f: InFlight | undefined): CachedAttendee | undefined =>
  a && f ? { ...a, checkins_used: f.checkins_used, inside: f.inside } : a;

const sameState = (a: CachedAttendee | undefined, b: CachedAttendee | undefined) =>
  a === b || (!!a && !!b && a.checkins_used === b.checkins_used && a.inside === b.inside && a.status === b.status && a.ticket_type_id === b.ticket_type_id);

interface Decided {
  decision: ReturnType<typeof decideScan>;
  attendee: VerdictAttendee | null;
  ticketTypeName: string | null;
  entrance: VerdictEntrance | null;
  event: VerdictEvent;
}

function decide(session: StoredSession, cached: CachedAttendee | undefined, req: CheckInRequestParsed, entranceId: string | null, at: Date): Decided {
  const entrance = verdictEntrance(session, entranceId);
  const event = verdictEvent(session);
  const ticketTypeName = session.ticket_types.find((t) => t.id === cached?.ticket_type_id)?.name ?? null;
  const attendee = cached ? verdictAttendee(cached) : null;
  return { decision: decideScan({ attendee, ticketTypeName, entrance, event, direction: req.direction, at }), attendee, ticketTypeName, entrance, event };
}

const got = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * The reads a verdict needs, in one native read-only transaction: Dexie's own transaction
 * machinery costs more than the reads on the hot path (rows are stored as-is). The ticket is
 * read by its code and by its match key (`code_lc`); the session says which one it means.
 */
async function lookUp(
  db: FastCheckDb,
  scanId: string,
  code: string,
): Promise<[LocalScan | undefined, StoredSession | undefined, CachedAttendee | undefined, CachedAttendee[]]> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['scans', 'session', 'attendees'], 'readonly');
  const tickets = tx.objectStore('attendees');
  return Promise.all([
    got<LocalScan | undefined>(tx.objectStore('scans').get(scanId)),
    got<StoredSession | undefined>(tx.objectStore('session').get('current')),
    got<CachedAttendee | undefined>(tickets.get(code)),
    got<CachedAttendee[]>(tickets.index('code_lc').getAll(ticketCodeKey(code))),
  ]);
}

export async function decideLocally(req: CheckInRequestParsed, now: Date, db: FastCheckDb = database(), timing: DecisionTiming = {}): Promise<ScanResult> {
  const typed = normalizeTicketCode(req.ticket_code);
  const [repeated, session, same, keyed] = await lookUp(db, req.scan_id, typed);
  if (repeated) return repeated.result;
  if (!session) throw new NotSignedInError('This phone is not signed in to a gate');
  // From here on a known ticket is named by its own code (scan row, outbox, in-flight state).
  const stored = pickTicket(typed, same ? [same, ...keyed] : keyed, (a) => a.ticket_code, session.event.ticket_code_exact_case === true);
  const code = stored?.ticket_code ?? typed;
  const key = inFlightKey(db, code);
  const pendingState = inFlight.get(key);
  const seen = withInFlight(stored, pendingState);
  const entranceId = req.entrance_id ?? session.scanning_entrance_id ?? null;
  const at = req.scanned_at ? new Date(req.scanned_at) : now;
  const early = decide(session, seen, req, entranceId, at);
  timing.decidedAt = performance.now();

  const token = ++nextToken;
  const next = early.decision.next;
  if (seen && next) {
    const lastIn =
      req.direction === 'in' && early.decision.verdict === 'accepted'
        ? { scanned_at: at.toISOString(), entrance_id: entranceId }
        : (pendingState?.lastIn ?? null);
    inFlight.set(key, { token, checkins_used: next.checkinsUsed, inside: next.inside, status: seen.status, lastIn });
  }
  try {
    return await db.transaction('rw', [db.session, db.attendees, db.scans, db.outbox], async () => {
      const [again, fresh] = await Promise.all([db.scans.get(req.scan_id), db.attendees.get(code)]);
      if (again) return again.result;
      // Earlier decisions' writes committed before this one (same stores, created first):
      // the stored row is the truth now. Decide again only if it moved under us.
      const { decision, attendee, ticketTypeName, entrance, event } = sameState(fresh, seen) ? early : decide(session, fresh, req, entranceId, at);
      const prior = decision.verdict === 'already_checked_in' ? await priorAdmission(session, code, pendingState, db) : null;
      const message = describeDecision(decision, { attendee, ticketTypeName, entrance, direction: req.direction, timezone: event.timezone, firstScan: prior });
      if (fresh && decision.next) {
        await db.attendees.update(code, { checkins_used: decision.next.checkinsUsed, inside: decision.next.inside });
      }
      const result = buildScanResult({
        scanId: req.scan_id,
        decision,
        message,
        attendee: scannedAttendee(fresh, ticketTypeName, decision),
        firstScan: prior,
        offline: true,
      });
      await storeDecision(req, code, entranceId, at.toISOString(), decision.verdict, result, db);
      return result;
    });
  } finally {
    if (inFlight.get(key)?.token === token) inFlight.delete(key);
  }
}

async function priorAdmission(session: StoredSession, code: string, pendingState: InFlight | undefined, db: FastCheckDb): Promise<PriorScan | null> {
  const last = (await lastAdmission(code, db)) ?? pendingState?.lastIn;
  return last ? { at: new Date(last.scanned_at), entrance: verdictEntrance(session, last.entrance_id)?.name ?? null, device: null } : null;
}

/** The scan row and its outbox item, in the caller's transaction. */
async function storeDecision(
  req: CheckInRequestParsed,
  code: string,
  entranceId: string | null,
  scannedAt: string,
  verdict: ScanResult['verdict'],
  result: ScanResult,
  db: FastCheckDb,
): Promise<void> {
  await recordScan(
    {
      scan_id: req.scan_id,
      ticket_code: code,
      direction: req.direction,
      entrance_id: entranceId,
      scanned_at: scannedAt,
      local_verdict: verdict,
      verdict,
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
      // scanned_at is on the server's clock by this offset (the server keeps the raw time).
      ...(req.clock_offset_ms === undefined ? {} : { clock_offset_ms: req.clock_offset_ms }),
      entrance_id: entranceId ?? undefined,
      direction: req.direction,
      local_verdict: verdict,
      offline: true,
    },
    db,
  );
}
