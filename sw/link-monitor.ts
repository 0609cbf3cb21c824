// Drives the link state (sw/link-state.ts) in the service worker: tells the check-in
// interceptor whether to forward a scan and with which deadline, probes GET /health with
// backoff while the link is degraded, and says when it is back (the outbox then flushes).
// The state is kept in Dexie `meta`, so a service worker that the browser stopped and
// started again (it does so after ~30 s idle) does not forget a dead link and wait out a
// full deadline on the next scan: it starts degraded and probes at once (250 ms, then the
// backoff), which costs nothing when the link came back meanwhile. Written on every change
// of mode and when the deadline moved by 100 ms or more, not once per scan.
import { database, type FastCheckDb } from '../phone/database.ts';
import {
  answered,
  deadlineMs,
  initialLinkState,
  MAX_DEADLINE_MS,
  missed,
  nextProbeDelayMs,
  parseLinkState,
  probed,
  shouldForward,
  type LinkState,
  type ProbeOutcome,
} from './link-state.ts';

export const LINK_STATE_KEY = 'link_state';

export interface LinkMonitorDeps {
  fetch: typeof fetch;
  /** Where probes go: GET, answered 200 when the server and its database are up. */
  probeUrl: string;
  /** The deadline's ceiling (the page may tune it per phone). */
  ceilingMs?: () => number;
  db?: () => FastCheckDb;
  /** The link came back online after being degraded since `degradedAt` (ms since the epoch). */
  onOnline?: (degradedAt: number) => void;
}

/** What the check-in interceptor needs from the link. */
export interface LinkGate {
  /** The deadline for forwarding this scan, or null: decide it on the phone at once. */
  forwardDeadlineMs(): Promise<number | null>;
  /** A forwarded request was answered (2xx–4xx) after `rttMs`. */
  answered(rttMs: number): void;
  /** A forwarded request got no answer in time (`waitedMs`: its deadline) or a network error (`silent`), or a 5xx. */
  missed(silent: boolean, waitedMs?: number): void;
}

export interface LinkMonitor extends LinkGate {
  /** False while degraded and silent: an upload would only hang. */
  reachable(): boolean;
  state(): LinkState;
  /** Stops the probe timer (tests). */
  stop(): void;
}

export function createLinkMonitor(deps: LinkMonitorDeps): LinkMonitor {
  const db = () => (deps.db ?? database)();
  const ceiling = () => deps.ceilingMs?.() ?? MAX_DEADLINE_MS;
  let state: LinkState = initialLinkState;
  let persistedDeadline: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let probing = false;
  let stopped = false;

  const persist = () => {
    persistedDeadline = deadlineMs(state, ceiling());
    void db()
      .meta.put({ key: LINK_STATE_KEY, value: JSON.stringify(state) })
      .catch(() => undefined);
  };

  const set = (next: LinkState) => {
    const before = state;
    state = next;
    const moved = persistedDeadline === null || Math.abs(deadlineMs(next, ceiling()) - persistedDeadline) >= 100;
    if (before.mode !== next.mode || moved) persist();
    if (next.mode === 'degraded') schedule(before.mode === 'online' ? nextProbeDelayMs(next) : undefined);
    else {
      clearTimeout(timer);
      timer = undefined;
      if (before.mode === 'degraded') deps.onOnline?.(before.degradedAt ?? Date.now());
    }
  };

  function schedule(delay = nextProbeDelayMs(state)): void {
    if (stopped || probing || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void probe();
    }, delay);
  }

  async function probe(): Promise<void> {
    if (probing || state.mode !== 'degraded') return;
    probing = true;
    // Twice the ceiling: a probe answered after the ceiling keeps the link degraded but
    // shows the server alive (uploads may go); only silence makes it unreachable.
    const controller = new AbortController();
    const abort = setTimeout(() => controller.abort(), 2 * ceiling());
    let outcome: ProbeOutcome;
    const sent = performance.now();
    try {
      const res = await deps.fetch(deps.probeUrl, { method: 'GET', cache: 'no-store', signal: controller.signal });
      await res.arrayBuffer();
      const rttMs = performance.now() - sent;
      outcome = res.ok ? { kind: 'healthy', rttMs } : { kind: 'unhealthy', rttMs };
    } catch {
      outcome = { kind: 'silent' };
    } finally {
      clearTimeout(abort);
    }
    probing = false;
    if (stopped) return;
    set(probed(state, outcome, ceiling()));
    if (state.mode === 'degraded') schedule();
  }

  // Read once; until then the link counts as online with the ceiling as its deadline.
  const loaded = (async () => {
    const stored = parseLinkState(
      (
        await db()
          .meta.get(LINK_STATE_KEY)
          .catch(() => undefined)
      )?.value,
    );
    state = stored;
    persistedDeadline = deadlineMs(stored, ceiling());
    if (stored.mode === 'degraded') schedule(0);
  })();

  return {
    async forwardDeadlineMs() {
      await loaded;
      return shouldForward(state) ? deadlineMs(state, ceiling()) : null;
    },
    answered(rttMs) {
      set(answered(state, rttMs));
    },
    missed(silent, waitedMs) {
      set(missed(state, Date.now(), silent, waitedMs));
    },
    reachable: () => !(state.mode === 'degraded' && state.silent),
    state: () => state,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
