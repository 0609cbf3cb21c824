// The fetch the outbox uploads with. Not sent at all while the link is known to be silent
// (the probes say when it is back, and the outbox is flushed then). When the link comes
// back, an upload sent before it went down is given up and sent again (the server is
// idempotent by scan id): its request may be lost in the black hole, and it would hold the
// single-flight flush, and every flush asked for after it, for as long as the socket lives.
// A safety timeout ends any upload after UPLOAD_TIMEOUT_MS, long enough for a busy server
// to work through a full batch; silence that long makes the link degraded too.
import type { Fetch } from '../phone/api-client.ts';
import type { LinkMonitor } from './link-monitor.ts';

/** A batch of 500 scans took over 10 s on a busy two-core server in the bench: far more than that. */
export const UPLOAD_TIMEOUT_MS = 120_000;

const NULL_BODY = new Set([101, 204, 205, 304]);

export interface UploadFetch {
  fetch: Fetch;
  /** Gives up uploads sent at or before `sentBeforeMs` (ms since the epoch): they are sent again. */
  abortSentBefore(sentBeforeMs: number): void;
}

export function createUploadFetch(link: Pick<LinkMonitor, 'reachable' | 'missed'>, fetchFn: Fetch, timeoutMs = UPLOAD_TIMEOUT_MS): UploadFetch {
  const inFlight = new Map<AbortController, number>();
  const givenUp = new WeakSet<AbortController>();
  const fetch: Fetch = async (url, init) => {
    if (!link.reachable()) throw new TypeError('no answer from the server: waiting for the link to come back');
    const controller = new AbortController();
    inFlight.set(controller, Date.now());
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchFn(url, { ...init, signal: controller.signal });
      // The body under the same signal: the caller reads it from this copy.
      const body = await res.arrayBuffer();
      return new Response(NULL_BODY.has(res.status) ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      if (!givenUp.has(controller)) link.missed(true);
      throw e;
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  };
  return {
    fetch,
    abortSentBefore(sentBeforeMs) {
      for (const [controller, sentAt] of inFlight) {
        if (sentAt > sentBeforeMs) continue;
        givenUp.add(controller);
        controller.abort();
      }
    },
  };
}
