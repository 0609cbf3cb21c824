import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingCount } from '../phone/outbox.ts';
import { readResponse } from '../shared/api-answer.ts';
import { scanResultSchema } from '../shared/protocol/check-in.ts';
import { DECIDED_HEADER } from '../shared/protocol/headers.ts';
import { createCheckInInterceptor } from './check-in-interceptor.ts';
import { createLinkMonitor, LINK_STATE_KEY, type LinkMonitor } from './link-monitor.ts';
import { MAX_DEADLINE_MS } from './link-state.ts';
import { createUploadFetch } from './upload-fetch.ts';
import { attendee, signedInDb } from './test-setup.ts';

const request = (code: string) =>
  new Request('http://phone.test/api/v1/check-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify({ scan_id: crypto.randomUUID(), ticket_code: code }),
  });
const now = () => new Date('2026-07-10T19:00:00Z');

/** A link that accepts the request and never answers: only an abort ends it. */
const blackHole = (calls: string[]) =>
  ((url: string, init: RequestInit) => {
    calls.push(url);
    return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }) as unknown as typeof fetch;

const monitors: LinkMonitor[] = [];
afterEach(() => {
  for (const m of monitors.splice(0)) m.stop();
  vi.useRealTimers();
});
const monitor = (...a: Parameters<typeof createLinkMonitor>) => {
  const m = createLinkMonitor(...a);
  monitors.push(m);
  return m;
};

/** Resolves when `check` holds, re-checked on every probe fetch (an event, not a deadline). */
async function until(check: () => boolean): Promise<void> {
  await vi.waitUntil(check, { timeout: 600_000, interval: 5 });
}

describe('link monitor', () => {
  it('after one missed deadline decides the next scans at once, probes /health, and is online again when a probe answers', async () => {
    const db = await signedInDb(['A', 'B', 'C', 'D'].map((c) => attendee(c)));
    let healthy = false;
    const calls: string[] = [];
    const hole = blackHole(calls);
    const net = ((url: string, init: RequestInit) => {
      if (url.endsWith('/health') && healthy) {
        calls.push(url);
        return Promise.resolve(new Response('{"status":"ok"}', { status: 200 }));
      }
      return hole(url, init);
    }) as unknown as typeof fetch;
    let online = 0;
    const link = monitor({ fetch: net, probeUrl: 'http://phone.test/health', db: () => db, ceilingMs: () => 300, onOnline: () => online++ });
    const handle = createCheckInInterceptor({ fetch: net, now, deadlineMs: () => 300, db: () => db, link });

    // The first scan waits out the deadline (its abort ends it), then is decided locally.
    const first = await handle(request('A'));
    expect(first.headers.get(DECIDED_HEADER)).toBe('locally');
    expect(link.state().mode).toBe('degraded');
    expect(link.reachable()).toBe(false);

    // The next ones are not even sent: no check-in call goes out.
    const checkInsBefore = calls.filter((u) => u.endsWith('/check-in')).length;
    for (const code of ['B', 'C']) {
      const res = await handle(request(code));
      expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
      expect((await readResponse(res, scanResultSchema)).verdict).toBe('accepted');
    }
    expect(calls.filter((u) => u.endsWith('/check-in')).length).toBe(checkInsBefore);
    expect(await pendingCount(db)).toBe(3);

    // Probes go to /health while the link stays black-holed; once it answers, online again.
    await until(() => calls.some((u) => u.endsWith('/health')));
    healthy = true;
    await until(() => link.state().mode === 'online');
    expect(online).toBe(1);
    expect(await link.forwardDeadlineMs()).not.toBeNull();
  });

  it('keeps a slow but living server (800 ms) online, with the deadline grown past its round trip', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const db = await signedInDb([attendee('A')]);
    const slow = ((_url: string) =>
      new Promise((resolve) =>
        setTimeout(
          () => resolve(new Response(JSON.stringify({ data: { scan_id: 'x', verdict: 'accepted', message: 'ok', attendee: null, first_scan: null } }))),
          800,
        ),
      )) as unknown as typeof fetch;
    const link = monitor({ fetch: slow, probeUrl: 'http://phone.test/health', db: () => db });
    // Before any sample the deadline is the ceiling (1.5 s): an 800 ms answer is in time.
    expect(await link.forwardDeadlineMs()).toBe(MAX_DEADLINE_MS);
    const handle = createCheckInInterceptor({ fetch: slow, now, deadlineMs: () => MAX_DEADLINE_MS, db: () => db, link });
    for (let i = 0; i < 5; i++) {
      const answer = handle(request('A'));
      await vi.advanceTimersByTimeAsync(800);
      expect((await answer).headers.get(DECIDED_HEADER)).toBeNull();
    }
    expect(link.state().mode).toBe('online');
    const deadline = await link.forwardDeadlineMs();
    expect(deadline).toBeGreaterThan(800);
    expect(deadline).toBeLessThanOrEqual(MAX_DEADLINE_MS);
  });

  it('probes with backoff 250 ms, 1 s, 2 s, 5 s while nothing answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const db = await signedInDb();
    const sentAt: number[] = [];
    const calls: string[] = [];
    const hole = blackHole(calls);
    const link = monitor({
      fetch: ((url: string, init: RequestInit) => {
        sentAt.push(performance.now());
        return hole(url, init);
      }) as unknown as typeof fetch,
      probeUrl: 'http://phone.test/health',
      db: () => db,
      ceilingMs: () => 500,
    });
    await link.forwardDeadlineMs();
    const t0 = performance.now();
    link.missed(true);
    // Each probe times out after twice the ceiling (1 s), then waits its backoff.
    await vi.advanceTimersByTimeAsync(250 + 1_000 + 1_000 + 1_000 + 2_000 + 1_000 + 5_000 + 1);
    expect(sentAt.map((t) => t - t0)).toEqual([
      250,
      250 + 1_000 + 1_000,
      250 + 1_000 + 1_000 + 1_000 + 2_000,
      250 + 1_000 + 1_000 + 1_000 + 2_000 + 1_000 + 5_000,
    ]);
    expect(link.state()).toMatchObject({ mode: 'degraded', failedProbes: 3, silent: true });
  });

  it('remembers a degraded link across a service-worker restart and re-learns it with a probe at once', async () => {
    const db = await signedInDb([attendee('A')]);
    const calls: string[] = [];
    const first = monitor({ fetch: blackHole(calls), probeUrl: 'http://phone.test/health', db: () => db });
    await first.forwardDeadlineMs();
    first.missed(true);
    await vi.waitFor(async () => expect((await db.meta.get(LINK_STATE_KEY))?.value).toContain('"degraded"'));
    first.stop();

    // The worker starts again: the first scan is decided at once, and a probe goes out.
    let probes = 0;
    const healthy = (async (url: string) => {
      if (url.endsWith('/health')) probes++;
      return new Response('{"status":"ok"}', { status: 200 });
    }) as unknown as typeof fetch;
    let online = 0;
    const second = monitor({ fetch: healthy, probeUrl: 'http://phone.test/health', db: () => db, onOnline: () => online++ });
    const handle = createCheckInInterceptor({ fetch: healthy, now, deadlineMs: () => MAX_DEADLINE_MS, db: () => db, link: second });
    const res = await handle(request('A'));
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    await until(() => second.state().mode === 'online');
    expect({ probes, online }).toEqual({ probes: 1, online: 1 });
    await vi.waitFor(async () => expect((await db.meta.get(LINK_STATE_KEY))?.value).toContain('"online"'));
  });
});

describe('upload fetch', () => {
  it('sends nothing while the link is silent, and an upload given up for silence makes the link degraded', async () => {
    const db = await signedInDb();
    const calls: string[] = [];
    const link = monitor({ fetch: blackHole([]), probeUrl: 'http://phone.test/health', db: () => db });
    await link.forwardDeadlineMs();
    const upload = createUploadFetch(link, blackHole(calls) as never, 50).fetch;
    await expect(upload('http://phone.test/api/v1/mobile/scans', { method: 'POST' })).rejects.toThrow();
    expect(calls).toHaveLength(1);
    expect(link.state().mode).toBe('degraded');
    await expect(upload('http://phone.test/api/v1/mobile/scans', { method: 'POST' })).rejects.toThrow(/waiting for the link/);
    expect(calls).toHaveLength(1);
  });

  it('gives up an upload sent before the link went down when it comes back, without calling the link down again', async () => {
    const db = await signedInDb();
    const link = monitor({ fetch: blackHole([]), probeUrl: 'http://phone.test/health', db: () => db });
    await link.forwardDeadlineMs();
    const calls: string[] = [];
    const uploads = createUploadFetch(link, blackHole(calls) as never);
    const hung = uploads.fetch('http://phone.test/api/v1/mobile/scans', { method: 'POST' });
    await vi.waitUntil(() => calls.length === 1);
    uploads.abortSentBefore(Date.now() - 60_000); // sent after that: kept
    uploads.abortSentBefore(Date.now());
    await expect(hung).rejects.toThrow();
    expect(link.state().mode).toBe('online');
  });
});
