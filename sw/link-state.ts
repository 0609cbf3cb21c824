// The phone's view of its link to the server, as pure state: no timers, no fetch, no storage
// (sw/link-monitor.ts drives it). Round trips of answered requests are smoothed as TCP does
// (RFC 6298: SRTT and RTTVAR, gains 1/8 and 1/4), and the check-in deadline is
// SRTT + 4·RTTVAR clamped to [MIN_DEADLINE_MS, the ceiling]:
// - 500 ms floor: what a round trip measures here is mostly the server's own work (a
//   database transaction), whose tail is heavier than a network's: with steady 20 ms
//   answers SRTT + 4·RTTVAR shrinks to ~25 ms, and one GC pause or slow commit would then
//   send scans to the phone, whose verdicts cannot see another door's last seconds (more
//   conflicts for nothing). Half a second still feels immediate at a door, is a third of the
//   old fixed wait, and only the first scan on a dead link pays it: the next ones are
//   decided at once. (TCP's own floor is 1 s in RFC 6298, 200 ms in Linux.)
// - 1.5 s ceiling (the old fixed deadline, still tunable per phone): longer than that and
//   the queue at the door notices; a server slower than that is no help at a door.
// With no sample yet the deadline is the ceiling (RFC 6298's conservative start).
// A missed deadline, a network error or a 5xx makes the link "degraded": scans are decided
// on the phone at once, without a round trip, while probes (GET /health) go out with
// backoff. A probe answered within the ceiling brings it back online; a probe slower than
// SRTT is a sample, so a slow but living server (800 ms) is online with a longer deadline,
// and so is a missed deadline (it backs the deadline off). The probe backoff restarts only
// when a forwarded scan is really answered: a link where the small probe gets through but a
// scan does not (a path MTU black hole, a captive portal) costs one scan's deadline per
// backoff step (up to every 5 s), not every scan.

export type LinkMode = 'online' | 'degraded';

export interface LinkState {
  mode: LinkMode;
  /** Smoothed round trip (ms), null before the first sample. */
  srttMs: number | null;
  /** Round-trip variation (ms), null before the first sample. */
  rttvarMs: number | null;
  /** Probes that failed since a forwarded request was last answered: indexes the backoff. */
  failedProbes: number;
  /** When the link went degraded (ms since the epoch); null while online. */
  degradedAt: number | null;
  /** True when the last thing heard was silence (no answer at all, not even slow or 5xx): no upload can get through either. */
  silent: boolean;
}

export const MIN_DEADLINE_MS = 500;
export const MAX_DEADLINE_MS = 1500;
/** Delay before each probe after the link went degraded; the last one repeats. */
export const PROBE_BACKOFF_MS = [250, 1_000, 2_000, 5_000] as const;
/** RFC 6298's gains. */
const ALPHA = 1 / 8;
const BETA = 1 / 4;
/** RFC 6298's K. */
const K = 4;

export const initialLinkState: LinkState = { mode: 'online', srttMs: null, rttvarMs: null, failedProbes: 0, degradedAt: null, silent: false };

/** The RTT estimate with one more measured round trip (RFC 6298 2.2 and 2.3). */
export function withSample(state: LinkState, rttMs: number): LinkState {
  const r = Math.max(0, rttMs);
  if (state.srttMs === null || state.rttvarMs === null) return { ...state, srttMs: r, rttvarMs: r / 2 };
  const rttvarMs = (1 - BETA) * state.rttvarMs + BETA * Math.abs(state.srttMs - r);
  const srttMs = (1 - ALPHA) * state.srttMs + ALPHA * r;
  return { ...state, srttMs, rttvarMs };
}

/** How long a forwarded check-in may take before it is decided on the phone. */
export function deadlineMs(state: LinkState, ceilingMs = MAX_DEADLINE_MS): number {
  const floor = Math.min(MIN_DEADLINE_MS, ceilingMs);
  if (state.srttMs === null || state.rttvarMs === null) return ceilingMs;
  return Math.round(Math.min(ceilingMs, Math.max(floor, state.srttMs + K * state.rttvarMs)));
}

/** True when a scan should go to the server; false: decide it on the phone at once. */
export function shouldForward(state: LinkState): boolean {
  return state.mode === 'online';
}

/** A forwarded request was answered (2xx–4xx) after `rttMs`. */
export function answered(state: LinkState, rttMs: number): LinkState {
  return { ...withSample(state, rttMs), silent: false, failedProbes: 0 };
}

/**
 * A forwarded request missed its deadline, failed on the network (`silent`) or got a 5xx.
 * A missed deadline (`waitedMs`) is a lower bound of that round trip and counts as a sample
 * (RFC 6298 5.5 backs the timer off the same way): once the link is back, a busy server
 * that missed one deadline gets a longer one, instead of missing the next one too.
 */
export function missed(state: LinkState, nowMs: number, silent: boolean, waitedMs?: number): LinkState {
  const s = waitedMs === undefined ? state : withSample(state, waitedMs);
  if (s.mode === 'degraded') return { ...s, silent: s.silent || silent };
  return { ...s, mode: 'degraded', degradedAt: nowMs, silent };
}

/** How long to wait before the next probe (only meaningful while degraded). */
export function nextProbeDelayMs(state: LinkState): number {
  return PROBE_BACKOFF_MS[Math.min(state.failedProbes, PROBE_BACKOFF_MS.length - 1)];
}

export type ProbeOutcome =
  /** The server answered healthy after `rttMs`. */
  | { kind: 'healthy'; rttMs: number }
  /** It answered, but unhealthy (5xx: e.g. its database is down). */
  | { kind: 'unhealthy'; rttMs: number }
  /** No answer within the probe's own timeout, or a network error. */
  | { kind: 'silent' };

/** A probe's outcome: fast and healthy brings the link back online; anything else backs off. */
export function probed(state: LinkState, outcome: ProbeOutcome, ceilingMs = MAX_DEADLINE_MS): LinkState {
  if (outcome.kind === 'silent') return { ...state, failedProbes: state.failedProbes + 1, silent: true };
  // /health does less than a check-in: a probe slower than SRTT says check-ins are at least
  // that slow (a sample); a faster one says nothing about them, and would undo the back-off.
  const slower = state.srttMs === null || outcome.rttMs > state.srttMs;
  const sampled = { ...(slower ? withSample(state, outcome.rttMs) : state), silent: false };
  if (outcome.kind === 'healthy' && outcome.rttMs <= ceilingMs) return { ...sampled, mode: 'online', degradedAt: null };
  return { ...sampled, failedProbes: state.failedProbes + 1 };
}

/** Parses a stored state; anything unreadable is the initial state. */
export function parseLinkState(value: string | undefined): LinkState {
  try {
    const v = value ? (JSON.parse(value) as Partial<LinkState>) : null;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);
    if (!v || (v.mode !== 'online' && v.mode !== 'degraded')) return initialLinkState;
    const srttMs = num(v.srttMs);
    const rttvarMs = num(v.rttvarMs);
    const degradedAt = num(v.degradedAt);
    return {
      mode: v.mode === 'degraded' && degradedAt !== null ? 'degraded' : 'online',
      srttMs: srttMs !== null && rttvarMs !== null ? srttMs : null,
      rttvarMs: srttMs !== null && rttvarMs !== null ? rttvarMs : null,
      failedProbes: 0,
      degradedAt: v.mode === 'degraded' ? degradedAt : null,
      silent: v.mode === 'degraded' && v.silent === true,
    };
  } catch {
    return initialLinkState;
  }
}
