/// <reference lib="webworker" />
// The service worker: precache the app shell and serve navigations from it, intercept
// check-ins (sw/check-in-interceptor.ts) and upload the outbox (sw/outbox-flush.ts).
// API responses are never cached. An update waits until the page says it is idle.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createCheckInInterceptor, DEFAULT_DEADLINE_MS } from './check-in-interceptor.ts';
import { createOutboxFlusher } from './outbox-flush.ts';
import { createOutboxWaker, tellPages } from './outbox-waker.ts';
import { handlePageMessage } from './page-messages.ts';
import { createLinkMonitor } from './link-monitor.ts';
import { createUploadFetch } from './upload-fetch.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/console/index.html'), { allowlist: [/^\/console(\/|$)/] })); // the organiser console's page
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/health/] }));

const settings = { deadlineMs: DEFAULT_DEADLINE_MS };
const now = () => new Date();
const onUpdateNeeded = () => void tellPages(self, { type: 'update-needed' });
const onSessionEnded = () => void tellPages(self, { type: 'session-ended' });
// The link: adaptive deadline, local verdicts at once while degraded, /health probes; when
// it comes back the outbox is flushed at once (not at the waker's next retry), and an upload
// sent before it went down is sent again rather than waited for.
const link = createLinkMonitor({
  fetch: (...a) => fetch(...a),
  probeUrl: new URL('/health', self.location.origin).href,
  ceilingMs: () => settings.deadlineMs,
  onOnline: (degradedAt) => {
    uploads.abortSentBefore(degradedAt);
    void waker.wake();
  },
});
const uploads = createUploadFetch(link, (...a) => fetch(...a));
const flush = createOutboxFlusher({ fetch: uploads.fetch, now, onUpdateNeeded, onSessionEnded });
const waker = createOutboxWaker(self, flush);
const checkIn = createCheckInInterceptor({
  fetch: (...a) => fetch(...a),
  now,
  deadlineMs: () => settings.deadlineMs,
  link,
  onQueued: waker.queued,
  onUpdateNeeded,
  onSessionEnded,
});

registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === '/api/v1/check-in',
  ({ request }) => checkIn(request),
  'POST',
);

self.addEventListener('message', (event) => handlePageMessage(self, event, { settings, wake: waker.wake }));
self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag === 'outbox') e.waitUntil(waker.wake());
});
self.addEventListener('online', () => void waker.wake());
// At start, but without holding activation up: the page must be controlled at once.
self.addEventListener('activate', () => void waker.wake());

clientsClaim();
