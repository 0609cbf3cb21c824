// Issue 10 item 2 on the phone: the service worker learns its clock offset from the server
// time header, stamps scans on the server's clock (online, offline and in the outbox), and
// a server refusing a scan's time never costs the scan.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockOffsetMs, forgetClockOffset } from '../phone/clock-offset.ts';
import { oldestPending, pendingCount } from '../phone/outbox.ts';
import { readResponse } from '../shared/api-answer.ts';
import { scanResultSchema } from '../shared/protocol/check-in.ts';
import { DECIDED_HEADER, SERVER_TIME_HEADER } from '../shared/protocol/headers.ts';
import type { BatchScan } from '../shared/protocol/scans-batch.ts';
import { createCheckInInterceptor } from './check-in-interceptor.ts';
import { decideLocally } from './local-decision.ts';
import { createOutboxFlusher } from './outbox-flush.ts';
import { attendee, signedInDb } from './test-setup.ts';

const MIN = 60_000;
/** The phone's clock: 15 minutes ahead of the server's. */
const FAST = 15 * MIN;
const now = () => new Date('2026-07-10T19:15:00Z');
const request = (code: string, scannedAt?: string) =>
  new Request('http://phone.test/api/v1/check-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify({ scan_id: crypto.randomUUID(), ticket_code: code, ...(scannedAt ? { scanned_at: scannedAt } : {}) }),
  });
const serverTime = () => ({ [SERVER_TIME_HEADER]: String(Date.now() - FAST) });
const result = (scanId: string) => ({ scan_id: scanId, verdict: 'accepted', message: 'Welcome', attendee: null, first_scan: null });

/** A server that answers every scan with `accepted` and its (15 min earlier) time; it records what it got. */
function onlineServer() {
  const bodies: Array<Record<string, unknown>> = [];
  const fetchFn = (async (_u: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    bodies.push(body);
    return new Response(JSON.stringify({ data: result(body.scan_id) }), { status: 200, headers: serverTime() });
  }) as unknown as typeof fetch;
  return { fetchFn, bodies };
}

beforeEach(forgetClockOffset);
afterEach(forgetClockOffset);

describe('a phone whose clock is 15 min fast', () => {
  it('learns its offset from an answer and sends later scans on the server clock, raw time kept by the offset', async () => {
    const db = await signedInDb([attendee('A'), attendee('B')]);
    const server = onlineServer();
    const handle = createCheckInInterceptor({ fetch: server.fetchFn, now, deadlineMs: () => 5000, db: () => db });
    await handle(request('A', now().toISOString()));
    // Nothing known at the first scan: sent as the phone's clock, no offset claimed.
    expect(server.bodies[0]).toMatchObject({ scanned_at: now().toISOString() });
    expect(server.bodies[0].clock_offset_ms).toBeUndefined();
    const offset = (await clockOffsetMs(db))!;
    expect(Math.abs(offset + FAST)).toBeLessThan(5000);

    await handle(request('B', now().toISOString()));
    expect(server.bodies[1]).toMatchObject({ scanned_at: new Date(now().getTime() + offset).toISOString(), clock_offset_ms: offset });
  });

  it('an offline decision is stamped on the server clock and queued with its offset', async () => {
    const db = await signedInDb([attendee('A')]);
    const server = onlineServer();
    await createCheckInInterceptor({ fetch: server.fetchFn, now, deadlineMs: () => 5000, db: () => db })(request('A'));
    const offset = (await clockOffsetMs(db))!;
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const res = await createCheckInInterceptor({ fetch: down, now, deadlineMs: () => 5000, db: () => db })(request('A', now().toISOString()));
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    const [queued] = await oldestPending(10, db);
    expect(queued.scan).toMatchObject({ scanned_at: new Date(now().getTime() + offset).toISOString(), clock_offset_ms: offset });
  });

  it('a 400 refusing the scan time is decided locally and queued, never lost', async () => {
    const db = await signedInDb([attendee('A')]);
    const refusing = (async () =>
      new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'scanned_at: is in the future', details: { path: 'scanned_at' } } }), {
        status: 400,
      })) as unknown as typeof fetch;
    const res = await createCheckInInterceptor({ fetch: refusing, now, deadlineMs: () => 5000, db: () => db })(request('A', now().toISOString()));
    expect(res.status).toBe(200);
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    expect((await readResponse(res, scanResultSchema)).verdict).toBe('accepted');
    expect(await pendingCount(db)).toBe(1);
  });

  it('the outbox sends every time on one clock: a scan queued before the offset was known is moved onto it', async () => {
    const db = await signedInDb([attendee('A'), attendee('B')]);
    await decideLocally({ scan_id: crypto.randomUUID(), ticket_code: 'A', direction: 'in', scanned_at: now().toISOString() }, now(), db);
    // Then the phone learns it is 15 min fast from an online answer (a scan of B).
    await createCheckInInterceptor({ fetch: onlineServer().fetchFn, now, deadlineMs: () => 5000, db: () => db })(request('B'));
    const offset = (await clockOffsetMs(db))!;
    const sent: Array<{ scans: BatchScan[]; sent_at: string }> = [];
    const upload = (async (_u: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      sent.push(body);
      return new Response(JSON.stringify({ data: { results: body.scans.map((s: BatchScan) => result(s.scan_id)), server_time: now().toISOString() } }), {
        status: 200,
        headers: serverTime(),
      });
    }) as unknown as typeof fetch;
    await createOutboxFlusher({ fetch: upload, now, db: () => db })();
    const corrected = new Date(now().getTime() + offset).toISOString();
    expect(sent[0].sent_at).toBe(corrected);
    expect(sent[0].scans[0]).toMatchObject({ ticket_code: 'A', scanned_at: corrected, clock_offset_ms: offset });
  });
});
