// Uploads the outbox to POST /api/v1/mobile/scans in batches, oldest first, and writes
// the server's per-scan results back into Dexie. One flush runs at a time; a scan leaves
// the outbox only once the server has answered it, so an upload cut short is repeated
// (the server is idempotent by scan id). While the server is unreachable, a retry first
// sends a small probe batch: reading and serialising a full batch would hold up the scans
// being decided meanwhile, only to find the server still down. A server that refuses this
// app's protocol version keeps the scans in the outbox (not even counted as an attempt)
// until an updated app uploads them. A server that refuses the token (401: the session
// expired or was revoked) keeps them too, until the door signs in again to the same event.
import { clockOffsetMs } from '../phone/clock-offset.ts';
import { correctTime } from '../shared/clock-skew.ts';
import { ApiError, isUnsupportedProtocol, NetworkError } from '../shared/api-answer.ts';
import { MAX_BATCH_SCANS, isBatchItemError, type BatchScan, type ScansBatchResponse } from '../shared/protocol/scans-batch.ts';
import { uploadScans, type Fetch } from '../phone/api-client.ts';
import { noteDeviceReport } from '../phone/device-report.ts';
import { applyServerState } from '../phone/attendees.ts';
import { database, type FastCheckDb } from '../phone/database.ts';
import { hasPendingFor, markAttempt, oldestPending, pendingCount, removeAnswered } from '../phone/outbox.ts';
import { applyUploadResult, markFailed } from '../phone/scans.ts';
import { getSession, markSessionEnded } from '../phone/session.ts';

export interface FlushReport {
  uploaded: number;
  conflicts: number;
  pending: number;
  error: string | null;
}

export interface FlushDeps {
  fetch: Fetch;
  now: () => Date;
  db?: () => FastCheckDb;
  batchSize?: number;
  /** Called when the server refused this app's protocol version. */
  onUpdateNeeded?: () => void;
  /** Called when the server refused the token: the page asks to sign in again. */
  onSessionEnded?: () => void;
}

/** Scans in the first request after the server was unreachable. */
export const PROBE_BATCH = 20;

class UnreachableError extends Error {}

export const SESSION_ENDED = 'session ended: sign in again to upload';

/** What a failed upload means for the outbox, as the error to report. */
async function uploadFailure(e: unknown, ids: string[], token: string, deps: FlushDeps, db: FastCheckDb): Promise<Error> {
  // Not counted as an attempt: no signal is not the scans' fault, and it keeps the outbox unlocked.
  if (e instanceof NetworkError && e.status === null) return new UnreachableError(`server unreachable: ${e.message}`);
  // Nor is an app too old (or too new) for the server: the scans wait for the updated app.
  if (isUnsupportedProtocol(e)) {
    deps.onUpdateNeeded?.();
    return new Error(`upload refused: this app needs an update (${e.message})`);
  }
  // Nor is an ended session: the scans wait for the next sign-in.
  if (e instanceof ApiError && e.status === 401) {
    await markSessionEnded(token, deps.now(), db);
    deps.onSessionEnded?.();
    return new Error(SESSION_ENDED);
  }
  if (e instanceof ApiError && e.code === 'bad_answer') return new Error('upload answer not understood');
  if (!(e instanceof ApiError || e instanceof NetworkError)) return e as Error;
  await markAttempt(ids, `http ${e.status}`, db);
  return new Error(`upload refused: HTTP ${e.status}`);
}

/** A scan queued before any offset was known is put on the server's clock with the one known now. */
function onOneClock(scan: BatchScan, offset: number | null): BatchScan {
  if (offset === null || scan.clock_offset_ms !== undefined) return scan;
  return { ...scan, scanned_at: correctTime(new Date(scan.scanned_at), offset).toISOString(), clock_offset_ms: offset };
}

async function uploadOnce(deps: FlushDeps, db: FastCheckDb, report: FlushReport, size: number): Promise<boolean> {
  const batch = await oldestPending(size, db);
  if (batch.length === 0) return false;
  const session = await getSession(db);
  if (!session) throw new Error('not signed in');
  if (session.ended_at) throw new Error(SESSION_ENDED);
  const ids = batch.map((b) => b.scan_id);
  let answer: ScansBatchResponse;
  try {
    // Every time in the upload on the server's clock as the phone knows it (a scan queued before
    // an offset was learned is moved onto it): the server applies what is still off.
    const offset = await clockOffsetMs(db);
    // The upload tells the devices board how many scans wait here (this batch included).
    noteDeviceReport({ outbox: await pendingCount(db) });
    const sentAt = correctTime(deps.now(), offset).toISOString();
    answer = await uploadScans(session, { scans: batch.map((b) => onOneClock(b.scan, offset)), sent_at: sentAt }, deps.fetch);
  } catch (e) {
    throw await uploadFailure(e, ids, session.token, deps, db);
  }

  const answered: string[] = [];
  const states = new Map<string, NonNullable<Parameters<typeof applyServerState>[1]>>();
  await db.transaction('rw', [db.scans, db.outbox, db.attendees], async () => {
    for (const [i, r] of answer.results.entries()) {
      const sent = batch[i];
      if (!sent) continue;
      if (isBatchItemError(r)) {
        await markFailed(sent.scan_id, r.error, db);
      } else {
        await applyUploadResult(r, db);
        if (r.verdict === 'conflict') report.conflicts++;
        if (r.attendee) states.set(sent.scan.ticket_code, r.attendee);
      }
      answered.push(sent.scan_id);
    }
    await removeAnswered(answered, db);
    const stillPending = await hasPendingFor([...states.keys()], db);
    for (const [code, state] of states) if (!stillPending.has(code)) await applyServerState(code, state, db);
  });
  report.uploaded += answered.length;
  return answered.length === batch.length;
}

async function flushAll(deps: FlushDeps, probeFirst: boolean): Promise<FlushReport & { unreachable: boolean }> {
  const db = (deps.db ?? database)();
  const report: FlushReport = { uploaded: 0, conflicts: 0, pending: 0, error: null };
  const full = deps.batchSize ?? MAX_BATCH_SCANS;
  let unreachable = false;
  try {
    let size = probeFirst ? Math.min(PROBE_BATCH, full) : full;
    while (await uploadOnce(deps, db, report, size)) size = full;
  } catch (e) {
    report.error = (e as Error).message;
    unreachable = e instanceof UnreachableError;
  }
  report.pending = await pendingCount(db);
  return { ...report, unreachable };
}

/** Single-flight: a flush asked for while one runs is run once more right after it. */
export function createOutboxFlusher(deps: FlushDeps) {
  let running: Promise<FlushReport> | null = null;
  let again = false;
  let unreachable = false;
  const once = async (): Promise<FlushReport> => {
    const { unreachable: down, ...report } = await flushAll(deps, unreachable);
    unreachable = down;
    return report;
  };
  return function flush(): Promise<FlushReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let report = await once();
      while (again) {
        again = false;
        const next = await once();
        report = { ...next, uploaded: report.uploaded + next.uploaded, conflicts: report.conflicts + next.conflicts };
      }
      return report;
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
