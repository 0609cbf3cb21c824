// The fetch the outbox uploads with: not sent at all while the link is known to be silent
// (the probes say when it is back, and the outbox is flushed then), and given up after
// UPLOAD_TIMEOUT_MS, since a connection that never answers would otherwise hold the
// single-flight flush, and every flush asked for after it, for as long as the socket lives.
// Silence on an upload makes the link degraded too.
import type { Fetch } from '../phone/api-client.ts';
import type { LinkMonitor } from './link-monitor.ts';

/** A batch of 500 scans is ~150 kB: seconds even on one bar of signal. */
export const UPLOAD_TIMEOUT_MS = 10_000;

export function uploadFetch(link: Pick<LinkMonitor, 'reachable' | 'missed'>, fetchFn: Fetch, timeoutMs = UPLOAD_TIMEOUT_MS): Fetch {
  return async (url, init) => {
    if (!link.reachable()) throw new TypeError('no answer from the server: waiting for the link to come back');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchFn(url, { ...init, signal: controller.signal });
      // The body under the same timeout: the caller reads it from this copy.
      const body = await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      link.missed(true);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  };
}
