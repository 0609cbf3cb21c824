// Records scans exactly once, online (one scan) or reconciled (a batch), in one transaction:
// attendees locked in id order, scan ids seen before answered with their stored result,
// new scans decided by the shared verdict in scan-time order per ticket, then the attendee
// states and one audit row per attempt written together. Nothing is written for an item
// that fails validation.
import type { Direction, Verdict } from '../../shared/protocol/common.ts';
import { MAX_TICKET_CODE_LENGTH } from '../../shared/protocol/common.ts';
import type { ScanResult } from '../../shared/protocol/check-in.ts';
import type { BatchItemError, BatchItemResult } from '../../shared/protocol/scans-batch.ts';
import { buildScanResult } from '../../shared/scan-result.ts';
import { normalizeTicketCode, pickTicket, ticketCodeKey } from '../../shared/ticket-code.ts';
import { describeDecision, type PriorScan } from '../../shared/verdict.ts';
import type { AppDeps, AppVariables } from '../app-env.ts';
import { runTransaction, type Tx } from '../db/client.ts';
import {
  firstAdmissions,
  insertCheckIns,
  loadDeviceState,
  lockAttendees,
  storedScans,
  writeAttendeeStates,
  type CheckInWrite,
  type LockedAttendee,
  type EventRules,
} from '../db/repos/check-ins.ts';
import { eventRules } from './event-rules-cache.ts';
import { rehearsalActive, rehearsalJudgedAt } from '../../shared/rehearsal.ts';

type ScanContext = EventRules & { deviceName: string | null };
import { touchDevice } from '../db/repos/devices.ts';
import type { ScanTimes } from '../../shared/clock-skew.ts';
import { AppError, unauthorized } from '../http/app-error.ts';
import { CREDENTIAL_GONE } from '../auth/bearer.ts';
import { signal } from '../metrics/signals.ts';
import { publishRecorded, runAcceptedHooks, type AcceptedCheckIn } from './events.ts';
import { planScans, type PlannedScan, type ScanToPlan } from './plan-scans.ts';

export type ScanningDevice = NonNullable<AppVariables['device']>;

/** A console user checking a person in by hand: no phone, no credential; the audit row names the user. */
export interface ConsoleScanner {
  eventId: string;
  userId: string;
  deviceId: null;
  entranceId: null;
}

/** Who records the scans: a signed-in phone, or a console user. */
export type Scanner = ScanningDevice | ConsoleScanner;

const CONSOLE_STATE = { deviceName: null, credentialLive: true };

const MAX_ATTEMPTS = 4;

export interface IncomingScan {
  scanId: string;
  ticketCode: string;
  /** On the server's clock, already judged (see shared/clock-skew.ts): the time decisions use. */
  scannedAt: Date;
  /** The phone's own time, its skew and why its time was not believed, for the audit row. */
  times?: Omit<ScanTimes, 'scannedAt'>;
  entranceId?: string;
  direction: Direction;
  offline: boolean;
  localVerdict?: Verdict | null;
}

interface ValidScan extends ScanToPlan {
  index: number;
  times: Omit<ScanTimes, 'scannedAt'>;
}

const NO_PHONE_TIME: Omit<ScanTimes, 'scannedAt'> = { phoneScannedAt: null, clockSkewMs: null, timeFlag: null };

export interface RecordOptions {
  /** The device's clock skew to remember (uploads), when known. */
  clockSkewMs: number | null;
  /** Look up stored results before deciding (uploads are often repeats; online scans rarely are). */
  expectRepeats: boolean;
  /** Where the scans come from (metrics); by default an upload when repeats are expected. */
  source?: 'online' | 'upload';
}

class ConcurrentRepeat extends Error {}

export function itemError(scanId: string | null, code: BatchItemError['error']['code'], message: string, path?: string): BatchItemError {
  return { scan_id: scanId, error: { code, message, ...(path ? { details: { path } } : {}) } };
}

/** Checks what the scan alone can tell: the code, once normalised, has a sane length. */
function precheck(scan: IncomingScan, index: number, device: Scanner): ValidScan | BatchItemError {
  const code = normalizeTicketCode(scan.ticketCode);
  if (code.length === 0 || code.length > MAX_TICKET_CODE_LENGTH) {
    return itemError(scan.scanId, 'validation_failed', `ticket_code: must be 1 to ${MAX_TICKET_CODE_LENGTH} characters`, 'ticket_code');
  }
  const entranceId = device.entranceId ?? scan.entranceId ?? null;
  return {
    index,
    scanId: scan.scanId,
    code,
    scannedAt: scan.scannedAt,
    times: scan.times ?? NO_PHONE_TIME,
    entranceId,
    direction: scan.direction,
    offline: scan.offline,
    localVerdict: scan.localVerdict ?? null,
  };
}

/**
 * Checks what only the event can tell: the entrance. A scan time is never refused: it was
 * judged before (an unbelievable one is recorded at the receive time and flagged).
 */
function contextError(scan: ValidScan, ctx: ScanContext): BatchItemError | null {
  if (scan.entranceId && !ctx.entrances.has(scan.entranceId)) {
    return itemError(scan.scanId, 'validation_failed', 'entrance_id: no such entrance in this event', 'entrance_id');
  }
  return null;
}

function earlier(a: PriorScan | null, b: PriorScan | null): PriorScan | null {
  if (!a) return b;
  if (!b) return a;
  return a.at <= b.at ? a : b;
}

const entranceOf = (ctx: ScanContext, id: string | null) => (id ? (ctx.entrances.get(id) ?? null) : null);

function buildResult(p: PlannedScan<ValidScan, LockedAttendee>, ctx: ScanContext, first: (PriorScan & { scanId: string }) | null): ScanResult {
  const { decision, attendee, before, scan } = p;
  const showFirst = decision.verdict === 'already_checked_in' || decision.verdict === 'conflict';
  const entrance = entranceOf(ctx, scan.entranceId);
  const message = describeDecision(decision, {
    attendee: before,
    ticketTypeName: before?.ticketTypeName,
    entrance,
    direction: scan.direction,
    timezone: ctx.timezone,
    firstScan: showFirst ? first : null,
  });
  return buildScanResult({ scanId: scan.scanId, decision, message, attendee, firstScan: showFirst ? first : null, conflictWithScanId: first?.scanId ?? null });
}

async function recordInTransaction(
  deps: AppDeps,
  tx: Tx,
  device: Scanner,
  candidates: ValidScan[],
  options: RecordOptions & { checkStored: boolean; now: Date },
): Promise<{ results: Map<string, BatchItemResult>; accepted: AcceptedCheckIn[]; written: number; writes: CheckInWrite[] }> {
  const results = new Map<string, BatchItemResult>();
  // Sent together on the transaction's connection (postgres.js pipelines them): one round trip.
  const [rules, state, locked] = await Promise.all([
    eventRules(deps, tx, device.eventId),
    device.deviceId === null ? CONSOLE_STATE : loadDeviceState(tx, device, options.now),
    lockAttendees(tx, device.eventId, [...new Set(candidates.map((s) => ticketCodeKey(s.code)))]),
  ]);
  if (!rules) throw new AppError('unauthorized', 401, 'The event of this token no longer exists: sign in again');
  // Checked here, in the same round trip as the row locks (routes may skip it in the middleware).
  if (!state.credentialLive) throw unauthorized(CREDENTIAL_GONE);
  const ctx: ScanContext = { ...rules, deviceName: state.deviceName };
  const scans: ValidScan[] = [];
  for (const c of candidates) {
    const error = contextError(c, ctx);
    if (error) results.set(c.scanId, error);
    else scans.push(c);
  }
  const stored = options.checkStored
    ? await storedScans(
        tx,
        scans.map((s) => s.scanId),
      )
    : new Map();
  for (const s of stored.values()) {
    results.set(s.scanId, s.eventId === device.eventId ? (s.result as ScanResult) : itemError(s.scanId, 'conflict', 'scan_id: already used by another scan'));
  }
  const named = locked.map((a) => ({ ...a, ticketTypeName: a.ticketTypeId ? (ctx.ticketTypes.get(a.ticketTypeId) ?? null) : null }));
  // A scan of a known ticket carries the ticket's own code from here on (plan, audit row,
  // Tickera write-back), however its case was typed; an unknown one keeps what was scanned.
  const fresh = scans
    .filter((s) => !stored.has(s.scanId))
    .map((s) => {
      const a = pickTicket(s.code, named, (x) => x.ticketCode, ctx.ticketCodeExactCase);
      return a && a.ticketCode !== s.code ? { ...s, code: a.ticketCode } : s;
    });
  const attendees = new Map(named.map((a) => [a.ticketCode, a]));
  // Rehearsal (before doors, switched on): an online scan is judged as at doors-open and written nowhere.
  const rehearsal = options.source === 'online' && rehearsalActive(ctx, options.now);
  const judged = rehearsal ? fresh.map((s) => ({ ...s, scannedAt: rehearsalJudgedAt(ctx, entranceOf(ctx, s.entranceId), s.scannedAt) })) : fresh;
  const plan = planScans({ scans: judged, attendees, event: ctx, entrances: ctx.entrances });

  const needFirst = plan.planned.filter((p) => p.before && (p.decision.verdict === 'already_checked_in' || p.decision.verdict === 'conflict'));
  const dbFirst = await firstAdmissions(tx, [...new Set(needFirst.map((p) => p.before!.id))]);

  const writes: CheckInWrite[] = [];
  const accepted: AcceptedCheckIn[] = [];
  for (const p of plan.planned) {
    const inPlan = p.firstInPlan
      ? {
          scanId: p.firstInPlan.scanId,
          at: p.firstInPlan.scannedAt,
          entrance: p.firstInPlan.entranceId ? (ctx.entrances.get(p.firstInPlan.entranceId)?.name ?? null) : null,
          device: ctx.deviceName,
        }
      : null;
    const fromDb = p.before ? (dbFirst.get(p.before.id) ?? null) : null;
    const first = earlier(fromDb, inPlan) as (PriorScan & { scanId: string }) | null;
    const result = buildResult(p, ctx, first);
    if (rehearsal) {
      results.set(p.scan.scanId, { ...result, rehearsal: true });
      continue;
    }
    results.set(p.scan.scanId, result);
    writes.push({
      scanId: p.scan.scanId,
      eventId: device.eventId,
      attendeeId: p.before?.id ?? null,
      ticketCode: p.scan.code,
      deviceId: device.deviceId,
      userId: 'userId' in device ? device.userId : null,
      entranceId: p.scan.entranceId,
      direction: p.scan.direction,
      verdict: p.decision.verdict,
      message: result.message,
      scannedAt: p.scan.scannedAt,
      phoneScannedAt: p.scan.times.phoneScannedAt,
      timeFlag: p.scan.times.timeFlag,
      receivedAt: options.now,
      offline: p.scan.offline,
      localVerdict: p.scan.localVerdict,
      serverVerdict: p.decision.serverVerdict ?? null,
      clockSkewMs: p.scan.times.clockSkewMs,
      conflictWithScanId: result.conflict_with_scan_id ?? null,
      result,
    });
    const admitted = p.decision.verdict === 'conflict' || (p.decision.verdict === 'accepted' && p.scan.direction === 'in');
    if (admitted && p.before) {
      accepted.push({
        eventId: device.eventId,
        scanId: p.scan.scanId,
        ticketCode: p.scan.code,
        scannedAt: p.scan.scannedAt,
        attendeeId: p.before.id,
        reentry: p.decision.reentry,
        conflict: p.decision.verdict === 'conflict',
      });
    }
  }
  if (rehearsal) return { results, accepted, written: 0, writes };
  // Sent together: postgres.js pipelines them on the transaction's connection (one round trip).
  const [, inserted] = await Promise.all([writeAttendeeStates(tx, plan.changed), insertCheckIns(tx, writes)]);
  // Another request stored one of these scan ids after we looked: start again, seeing it.
  if (inserted.size !== writes.length) throw new ConcurrentRepeat();
  if (options.clockSkewMs !== null && device.deviceId !== null) await touchDevice(tx, device.deviceId, options.now, options.clockSkewMs);
  await runAcceptedHooks(deps, tx, accepted);
  return { results, accepted, written: writes.length, writes };
}

/** Records scans for one device (or console user); results come back in the order given. */
export async function recordScans(
  deps: AppDeps,
  device: Scanner,
  items: Array<IncomingScan | BatchItemError>,
  options: RecordOptions,
): Promise<BatchItemResult[]> {
  const now = deps.clock.now();
  const checked = items.map((item, i) => ('error' in item ? item : precheck(item, i, device)));
  const valid = checked.filter((c): c is ValidScan => !('error' in c));
  // A scan id repeated inside one upload is one scan: the first copy decides.
  const seen = new Set<string>();
  const uniqueById = valid.filter((s) => !seen.has(s.scanId) && Boolean(seen.add(s.scanId)));

  let outcome: Awaited<ReturnType<typeof recordInTransaction>> | undefined;
  for (let attempt = 0; !outcome; attempt++) {
    try {
      outcome = await runTransaction(deps.database, (tx) =>
        recordInTransaction(deps, tx, device, uniqueById, { ...options, checkStored: options.expectRepeats || attempt > 0, now }),
      );
    } catch (err) {
      if (!(err instanceof ConcurrentRepeat) || attempt + 1 >= MAX_ATTEMPTS) throw err;
    }
  }
  if (outcome.written > 0) {
    publishRecorded(deps, device.eventId, outcome.accepted);
    const source = options.source ?? (options.expectRepeats ? 'upload' : 'online');
    signal.scansRecorded(deps.bus, {
      source,
      verdicts: outcome.writes.map((w) => w.verdict ?? 'none'),
      delaysSeconds: source === 'upload' ? outcome.writes.map((w) => Math.max(0, (now.getTime() - w.scannedAt.getTime()) / 1000)) : [],
    });
  }
  return checked.map((c) => ('error' in c ? c : outcome.results.get(c.scanId)!));
}
