// One scan from any source (camera, wedge, typed code, search pick): a scan id made on
// the phone, the check-in call (the service worker may answer locally), the verdict shown,
// its sound and vibration. Tracks whether a scan is in flight so updates wait for it.
import { scanStamp } from '../../phone/clock-offset.ts';
import type { ScanResult } from '../../shared/protocol/check-in.ts';
import type { Direction } from '../../shared/protocol/common.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { checkIn } from '../../phone/api-client.ts';
import { findTicket } from '../../phone/attendees.ts';
import { ApiError, NetworkError } from '../../shared/api-answer.ts';
import { signal } from './devices/index.ts';
import { getStatus, setStatus } from './store.ts';
import { noteProtocolRefusal } from './update-needed.ts';
import { lookOf, toneOf } from './verdict-look.ts';

/** Why a scan got no verdict, by code: the verdict screen words it in the door's language. */
export type ScanProblem =
  | { kind: 'no_connection' | 'update_needed' | 'sign_in_again' }
  | { kind: 'api'; code: ApiError['code']; status: number; message: string }
  | { kind: 'other'; message: string };

export interface ShownVerdict {
  result: ScanResult | null;
  verdict: ScanResult['verdict'] | 'error';
  direction: Direction;
  code: string;
  /** For `error`: what went wrong. */
  problem: ScanProblem | null;
  /** For `cancelled`: the ticket's status on this phone's list (revoked reads differently). */
  ticketStatus?: 'cancelled' | 'revoked';
  decidedLocally: boolean;
  decisionMs: number | null;
  storedMs: number | null;
  startedAt: number;
}

let inFlight = 0;
let lastScanAt = 0;

/** True when no scan is running and none happened for `quietMs`: a safe moment to update. */
export function isIdle(quietMs = 4000): boolean {
  return inFlight === 0 && performance.now() - lastScanAt > quietMs;
}

export async function submitScan(session: StoredSession, code: string, direction: Direction): Promise<ShownVerdict> {
  const startedAt = performance.now();
  inFlight++;
  lastScanAt = startedAt;
  const base = { direction, code, startedAt };
  let shown: ShownVerdict;
  try {
    // Stamped on the server's clock (this page's clock plus the offset it learned from answers).
    const stamp = await scanStamp(new Date());
    const answer = await checkIn(session, { scan_id: crypto.randomUUID(), ticket_code: code.trim(), direction, ...stamp });
    // Decided here because the session ended says nothing about the signal.
    // A rehearsal is judged on the phone without asking the server: it says nothing about the signal either.
    if (!answer.result.rehearsal && !(answer.decidedLocally && getStatus().sessionEnded)) setStatus({ online: !answer.decidedLocally });
    shown = {
      ...base,
      result: answer.result,
      verdict: answer.result.verdict,
      problem: null,
      decidedLocally: answer.decidedLocally,
      decisionMs: answer.decisionMs,
      storedMs: answer.storedMs,
    };
    if (shown.verdict === 'cancelled') shown.ticketStatus = await ticketStatus(code);
  } catch (e) {
    const problem: ScanProblem =
      e instanceof NetworkError
        ? { kind: 'no_connection' }
        : noteProtocolRefusal(e)
          ? { kind: 'update_needed' }
          : e instanceof ApiError && e.status === 401
            ? { kind: 'sign_in_again' }
            : e instanceof ApiError
              ? { kind: 'api', code: e.code, status: e.status, message: e.message }
              : { kind: 'other', message: (e as Error).message };
    if (e instanceof NetworkError) setStatus({ online: false });
    if (e instanceof ApiError && e.status === 401) setStatus({ sessionEnded: true });
    shown = { ...base, result: null, verdict: 'error', problem, decidedLocally: false, decisionMs: null, storedMs: null };
  } finally {
    inFlight--;
    lastScanAt = performance.now();
  }
  signal(toneOf(shown.verdict, shown.direction));
  keepForMeasurement(shown);
  return shown;
}

/** Revoked or cancelled, from the list on this phone (the scan result names only the verdict). */
async function ticketStatus(code: string): Promise<'cancelled' | 'revoked'> {
  const a = await findTicket(code.trim()).catch(() => undefined);
  return a?.status === 'revoked' ? 'revoked' : 'cancelled';
}

/** The last scans' timings, for the benchmark (window.__fastcheck.scans). */
function keepForMeasurement(shown: ShownVerdict): void {
  const hooks = (globalThis as { __fastcheck?: { scans?: unknown[] } }).__fastcheck;
  if (!hooks) return;
  hooks.scans ??= [];
  hooks.scans.push({
    verdict: shown.verdict,
    decidedLocally: shown.decidedLocally,
    decisionMs: shown.decisionMs,
    storedMs: shown.storedMs,
    answeredMs: performance.now() - shown.startedAt,
  });
  if (hooks.scans.length > 2000) hooks.scans.shift();
}

export { lookOf };
