/// <reference lib="webworker" />
// When the outbox is flushed: after a scan is queued (Background Sync where available,
// else at once), on demand, and on a retry timer while scans are waiting. Every result
// is told to the open pages.
import type { SwToPageMessage } from '../shared/protocol/sw-messages.ts';
import type { FlushReport } from './outbox-flush.ts';
import { pendingCount } from '../phone/outbox.ts';

const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

export async function tellPages(sw: ServiceWorkerGlobalScope, message: SwToPageMessage): Promise<void> {
  const pages = await sw.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  for (const p of pages) p.postMessage(message);
}

export function createOutboxWaker(sw: ServiceWorkerGlobalScope, flush: () => Promise<FlushReport>) {
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  async function wake(): Promise<void> {
    clearTimeout(retry);
    retry = undefined;
    const report = await flush();
    await tellPages(sw, { type: 'flush-done', ...report });
    if (report.pending > 0) {
      failures = report.error ? failures + 1 : 0;
      retry = setTimeout(() => void wake(), RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
    } else {
      failures = 0;
    }
  }

  async function queued(): Promise<void> {
    await tellPages(sw, { type: 'outbox-changed', pending: await pendingCount() });
    // The server was unreachable a moment ago and a retry is due: do not hammer it (or lock
    // the outbox against the next scan's transaction) once per scan.
    if (failures > 0 && retry) return;
    const registration = sw.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };
    if (registration.sync) {
      try {
        await registration.sync.register('outbox');
        return;
      } catch {
        // no Background Sync permission: fall through to the timer
      }
    }
    if (!retry) retry = setTimeout(() => void wake(), RETRY_MS[0]);
  }

  return { wake, queued: () => void queued() };
}
