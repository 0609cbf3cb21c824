// POST /api/v1/check-in as the phone sees it: forwarded to the server with a deadline;
// when the server does not answer in time (or answers 5xx, or there is no network, or it
// refuses this app's protocol version, or refuses the token: 401) the scan is decided
// locally and queued. The page always gets a scan result envelope, never the server's
// refusal of an old app or of an ended session: an ended session never costs a scan.
// The scan's time goes out on the server's clock (the phone's known offset applied), and a
// refusal of that time is decided locally too: a phone clock never costs a scan.
// With a link gate (sw/link-monitor.ts) the deadline adapts to measured round trips, and
// while the link is degraded a scan is decided locally at once, with no round trip at all.
import { isUnsupportedProtocol, readResponse } from '../shared/api-answer.ts';
import { checkInRequestSchema, scanResultSchema, type CheckInRequestParsed, type ScanResult } from '../shared/protocol/check-in.ts';
import { DECIDED_HEADER, DECISION_MS_HEADER, STORED_MS_HEADER } from '../shared/protocol/headers.ts';
import { database, type FastCheckDb } from '../phone/database.ts';
import { markSessionEnded } from '../phone/session.ts';
import { decideLocally, NotSignedInError } from './local-decision.ts';
import { recordOnlineResult } from './online-result.ts';
import { clockOffsetMs, learnServerTime } from '../phone/clock-offset.ts';
import { correctTime } from '../shared/clock-skew.ts';
import type { LinkGate } from './link-monitor.ts';
import { MAX_DEADLINE_MS } from './link-state.ts';
import { decideRehearsal } from './rehearsal-decision.ts';
import { forgetEndedRehearsal, sessionRehearsing } from '../phone/rehearsal.ts';

/** The deadline's ceiling unless the page configures another (sw/link-state.ts explains it). */
export const DEFAULT_DEADLINE_MS = MAX_DEADLINE_MS;

export interface InterceptorDeps {
  fetch: typeof fetch;
  /** The deadline without a link gate; with one, its ceiling is the gate's business. */
  deadlineMs: () => number;
  /** Adaptive deadline and "decide at once" while the link is degraded. */
  link?: LinkGate;
  now: () => Date;
  db?: () => FastCheckDb;
  /** Called after a scan was queued locally (to wake the outbox). */
  onQueued?: () => void;
  /** Called when the server refused this app's protocol version. */
  onUpdateNeeded?: () => void;
  /** Called when the server refused the token (expired or revoked): the page asks to sign in again. */
  onSessionEnded?: () => void;
}

/** The Bearer token a request carries. */
export function requestToken(request: Request): string | null {
  return request.headers.get('authorization')?.match(/^Bearer\s+(\S+)/i)?.[1] ?? null;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function forward(deps: InterceptorDeps, request: Request, body: string, db: FastCheckDb): Promise<Response | null> {
  const deadline = deps.link ? await deps.link.forwardDeadlineMs() : deps.deadlineMs();
  if (deadline === null) return null; // the link is degraded: no round trip
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadline);
  const started = performance.now();
  try {
    const sentAt = Date.now();
    const res = await deps.fetch(request.url, { method: 'POST', headers: request.headers, body, signal: controller.signal });
    void learnServerTime(res.headers, sentAt, Date.now(), db).catch(() => undefined);
    if (res.status >= 500) {
      deps.link?.missed(false);
      return null;
    }
    // Read the body under the same deadline: a stalled body is no answer either.
    const text = await res.text();
    deps.link?.answered(performance.now() - started);
    return new Response(text, { status: res.status, headers: res.headers });
  } catch {
    deps.link?.missed(true, controller.signal.aborted ? deadline : undefined);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The server's answer read: its result, or whether it refused this app's protocol version. */
async function readOnline(res: Response): Promise<{ result: ScanResult | null; protocolRefused: boolean }> {
  try {
    return { result: await readResponse(res.clone(), scanResultSchema), protocolRefused: false };
  } catch (e) {
    return { result: null, protocolRefused: isUnsupportedProtocol(e) };
  }
}

/**
 * A refusal of the scan's time (a server older than the clock fix refused a phone clock
 * minutes off with 400): never a lost scan, the phone decides it and uploads it later.
 */
async function isTimeRefusal(res: Response): Promise<boolean> {
  if (res.status !== 400) return false;
  const text = await res
    .clone()
    .text()
    .catch(() => '');
  return /scanned_at|clock_offset_ms/.test(text);
}

/** The scan's time put on the server's clock with the phone's known offset (the raw time is kept by the offset). */
async function onServerClock(parsed: CheckInRequestParsed, now: Date, db: FastCheckDb): Promise<CheckInRequestParsed> {
  if (parsed.clock_offset_ms !== undefined) return parsed;
  const offset = await clockOffsetMs(db);
  const phoneTime = parsed.scanned_at ? new Date(parsed.scanned_at) : now;
  return { ...parsed, scanned_at: correctTime(phoneTime, offset).toISOString(), ...(offset === null ? {} : { clock_offset_ms: offset }) };
}

export function createCheckInInterceptor(deps: InterceptorDeps) {
  const db = deps.db ?? database;
  // Tokens the server refused: their scans are decided here at once, with no round trip
  // that can only end in another 401 (a new sign-in brings a new token).
  const ended = new Set<string>();
  // Events whose ended rehearsal this worker has already tidied: later scans skip the look.
  const tidied = new Set<string>();
  return async function handleCheckIn(request: Request): Promise<Response> {
    const body = await request.text();
    let parsed: CheckInRequestParsed | null = null;
    try {
      const r = checkInRequestSchema.safeParse(JSON.parse(body));
      if (r.success) parsed = r.data;
    } catch {
      // not JSON: the server answers 400 naming the problem
    }
    if (!parsed) return (await forward(deps, request, body, db())) ?? json(400, { error: { code: 'validation_failed', message: 'Invalid scan' } });
    // The session is read beside the clock offset (no extra wait): a rehearsing door never asks the server.
    const [onClock, session] = await Promise.all([onServerClock(parsed, deps.now(), db()), db().session.get('current')]);
    parsed = onClock;
    const at = parsed.scanned_at ? new Date(parsed.scanned_at) : deps.now();
    if (session && sessionRehearsing(session, at)) {
      return json(200, { data: await decideRehearsal(parsed, at, session, db()) }, { [DECIDED_HEADER]: 'rehearsal' });
    }
    // Rehearsal over: its admissions go, beside the scan rather than before its verdict, once
    // per event in this worker's life (a write lost here is made by the next sync).
    if (session && !tidied.has(session.event.id)) {
      tidied.add(session.event.id);
      void forgetEndedRehearsal(session, at, db()).catch(() => false);
    }

    const token = requestToken(request);
    const online = token && ended.has(token) ? null : await forward(deps, request, JSON.stringify(parsed), db());
    if (online?.status === 401) {
      if (token) {
        ended.add(token);
        await markSessionEnded(token, deps.now(), db()).catch(() => undefined);
      }
      deps.onSessionEnded?.();
    } else if (online && (await isTimeRefusal(online))) {
      // Decided here as if offline: the upload is corrected and never refused for its time.
    } else if (online) {
      const { result, protocolRefused } = await readOnline(online);
      if (!protocolRefused) {
        // A rehearsal the server judged (this phone's rules were older) is kept nowhere.
        if (result && !result.rehearsal) await recordOnlineResult(parsed, result, deps.now(), db()).catch(() => undefined);
        return online;
      }
      // Decided here as if offline: the outbox keeps the scan until an updated app uploads it.
      deps.onUpdateNeeded?.();
    }
    const started = performance.now();
    try {
      const timing: { decidedAt?: number } = {};
      const result = await decideLocally(parsed, deps.now(), db(), timing);
      const stored = performance.now() - started;
      const decided = (timing.decidedAt ?? performance.now()) - started;
      deps.onQueued?.();
      return json(200, { data: result }, { [DECIDED_HEADER]: 'locally', [DECISION_MS_HEADER]: decided.toFixed(3), [STORED_MS_HEADER]: stored.toFixed(3) });
    } catch (e) {
      if (e instanceof NotSignedInError) return json(401, { error: { code: 'unauthorized', message: e.message } });
      throw e;
    }
  };
}
