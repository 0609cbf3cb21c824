import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { BatchScan } from '../shared/protocol/scans-batch.ts';
import { getAttendee } from '../phone/attendees.ts';
import { oldestPending, pendingCount } from '../phone/outbox.ts';
import { needingAttention } from '../phone/scans.ts';
import { decideLocally } from './local-decision.ts';
import { createOutboxFlusher, PROBE_BATCH, SESSION_ENDED } from './outbox-flush.ts';
import { chooseEntrance, getSession, saveSession } from '../phone/session.ts';
import { attendee, ids, login, signedInDb } from './test-setup.ts';

const now = () => new Date('2026-07-10T19:00:00Z');
const scan = (code: string) => ({ scan_id: crypto.randomUUID(), ticket_code: code, direction: 'in' as const });

/** A stand-in for the server's batch endpoint: answers each scan with the given verdict. */
function fakeServer(answer: (s: BatchScan) => Record<string, unknown>) {
  const bodies: Array<{ scans: BatchScan[] }> = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { scans: BatchScan[] };
    bodies.push(body);
    return new Response(JSON.stringify({ data: { results: body.scans.map(answer), server_time: now().toISOString() } }), { status: 200 });
  }) as unknown as typeof fetch;
  return { fetchFn, bodies };
}

describe('outbox flush', () => {
  it('uploads in batches, empties the outbox and lists conflicts for attention', async () => {
    const db = await signedInDb([attendee('A'), attendee('B')]);
    await decideLocally(scan('A'), now(), db);
    await decideLocally(scan('B'), now(), db);
    await decideLocally(scan('A'), now(), db);
    const server = fakeServer((s) => ({
      scan_id: s.scan_id,
      verdict: s.ticket_code === 'B' ? 'conflict' : s.local_verdict,
      message: 'x',
      attendee: { name: 'Ana Garcia', ticket_type: 'General', checkins_used: 1, checkins_allowed: 1, inside: true },
      first_scan: null,
    }));
    const flush = createOutboxFlusher({ fetch: server.fetchFn, now, db: () => db, batchSize: 2 });
    const report = await flush();
    expect(report).toEqual({ uploaded: 3, conflicts: 1, pending: 0, error: null });
    expect(server.bodies.map((b) => b.scans.length)).toEqual([2, 1]);
    expect(await pendingCount(db)).toBe(0);
    const attention = await needingAttention(db);
    expect(attention.map((s) => s.ticket_code)).toEqual(['B']);
    expect(attention[0]).toMatchObject({ local_verdict: 'accepted', verdict: 'conflict', state: 'synced' });
  });

  it('keeps every scan when the server is unreachable', async () => {
    const db = await signedInDb([attendee('A')]);
    await decideLocally(scan('A'), now(), db);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const report = await createOutboxFlusher({ fetch: down, now, db: () => db })();
    expect(report.pending).toBe(1);
    expect(report.error).toMatch(/unreachable/);
    expect((await db.outbox.toArray())[0].attempts).toBe(0);
    expect((await getAttendee('A', db))?.checkins_used).toBe(1);
  });

  it('marks an item the server refuses as failed and does not retry it forever', async () => {
    const db = await signedInDb([attendee('A')]);
    await decideLocally(scan('A'), now(), db);
    const server = fakeServer((s) => ({ scan_id: s.scan_id, error: { code: 'validation_failed', message: 'bad' } }));
    const report = await createOutboxFlusher({ fetch: server.fetchFn, now, db: () => db })();
    expect(report.pending).toBe(0);
    expect((await needingAttention(db))[0]).toMatchObject({ state: 'failed', error: 'bad', error_code: 'validation_failed' });
  });

  it('runs one flush at a time and repeats once for a request made meanwhile', async () => {
    const db = await signedInDb([attendee('A'), attendee('B')]);
    await decideLocally(scan('A'), now(), db);
    const server = fakeServer((s) => ({ scan_id: s.scan_id, verdict: 'accepted', message: 'x', attendee: null, first_scan: null }));
    const flush = createOutboxFlusher({ fetch: server.fetchFn, now, db: () => db });
    const first = flush();
    await decideLocally(scan('B'), now(), db);
    const second = flush();
    expect(second).toBe(first);
    expect((await first).uploaded).toBe(2);
    expect(await pendingCount(db)).toBe(0);
  });

  it('after finding the server unreachable, the next flush probes with a small batch, then sends full ones', async () => {
    const db = await signedInDb(Array.from({ length: 60 }, (_, i) => attendee(`C${i}`)));
    for (let i = 0; i < 60; i++) await decideLocally(scan(`C${i}`), now(), db);
    const server = fakeServer((s) => ({ scan_id: s.scan_id, verdict: s.local_verdict, message: 'x', attendee: null, first_scan: null }));
    let down = true;
    const attempts: number[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      attempts.push((JSON.parse(String(init.body)) as { scans: unknown[] }).scans.length);
      if (down) throw new TypeError('Failed to fetch');
      return server.fetchFn(url, init);
    }) as unknown as typeof fetch;
    const flush = createOutboxFlusher({ fetch: fetchFn, now, db: () => db, batchSize: 25 });
    expect((await flush()).error).toContain('unreachable');
    expect((await flush()).error).toContain('unreachable');
    down = false;
    expect(await flush()).toEqual({ uploaded: 60, conflicts: 0, pending: 0, error: null });
    expect(attempts).toEqual([25, PROBE_BATCH, PROBE_BATCH, 25, 15]);
  });

  it("keeps every scan while the server refuses this app's protocol version, and uploads them once it accepts again", async () => {
    const db = await signedInDb([attendee('A'), attendee('B')]);
    await decideLocally(scan('A'), now(), db);
    await decideLocally(scan('B'), now(), db);
    const server = fakeServer((s) => ({ scan_id: s.scan_id, verdict: s.local_verdict, message: 'x', attendee: null, first_scan: null }));
    let refusing = true;
    const fetchFn = (async (url: string, init: RequestInit) =>
      refusing
        ? new Response(JSON.stringify({ error: { code: 'unsupported_protocol', message: 'Update the app' } }), { status: 426 })
        : server.fetchFn(url, init)) as unknown as typeof fetch;
    let updateNeeded = 0;
    const flush = createOutboxFlusher({ fetch: fetchFn, now, db: () => db, onUpdateNeeded: () => updateNeeded++ });
    const refused = await flush();
    expect(refused).toMatchObject({ uploaded: 0, pending: 2, error: expect.stringContaining('needs an update') });
    expect(updateNeeded).toBe(1);
    expect((await oldestPending(10, db)).map((i) => i.attempts)).toEqual([0, 0]);

    refusing = false;
    expect(await flush()).toEqual({ uploaded: 2, conflicts: 0, pending: 0, error: null });
    expect(server.bodies.flatMap((b) => b.scans.map((x) => x.ticket_code))).toEqual(['A', 'B']);
  });

  it('keeps every scan while the token is refused, and uploads them after signing in again to the same event', async () => {
    const db = await signedInDb([attendee('A'), attendee('B')], { token: 'old' });
    await chooseEntrance(ids.vip, db);
    await decideLocally(scan('A'), now(), db);
    await decideLocally(scan('B'), now(), db);
    const server = fakeServer((s) => ({ scan_id: s.scan_id, verdict: s.local_verdict, message: 'x', attendee: null, first_scan: null }));
    const tokens: string[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      const token = new Headers(init.headers).get('authorization') ?? '';
      tokens.push(token);
      return token === 'Bearer old'
        ? new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'The token is malformed or expired: sign in again' } }), { status: 401 })
        : server.fetchFn(url, init);
    }) as unknown as typeof fetch;
    let ended = 0;
    const flush = createOutboxFlusher({ fetch: fetchFn, now, db: () => db, onSessionEnded: () => ended++ });
    expect(await flush()).toMatchObject({ uploaded: 0, pending: 2, error: SESSION_ENDED });
    expect(ended).toBe(1);
    expect((await oldestPending(10, db)).map((i) => i.attempts)).toEqual([0, 0]);
    expect((await getSession(db))?.ended_at).toBe(now().toISOString());
    // Until a new sign-in, no upload is even tried.
    expect(await flush()).toMatchObject({ uploaded: 0, pending: 2, error: SESSION_ENDED });
    expect(tokens).toEqual(['Bearer old']);

    // Signing in again (another credential of the event, no entrance of its own) replaces only the token.
    const again = await saveSession(login({ token: 'new', entrance_id: null }), 'http://phone.test', db);
    expect(again).toMatchObject({ token: 'new', scanning_entrance_id: ids.vip, ended_at: null });
    expect(await pendingCount(db)).toBe(2);
    expect(await db.attendees.count()).toBe(2);
    expect(await flush()).toEqual({ uploaded: 2, conflicts: 0, pending: 0, error: null });
    expect(tokens).toEqual(['Bearer old', 'Bearer new']);
    expect(server.bodies.flatMap((b) => b.scans.map((x) => x.ticket_code))).toEqual(['A', 'B']);
  });
});
