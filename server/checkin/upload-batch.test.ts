import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { fakeClock } from '../clock.ts';
import { attendees, checkIns, devices } from '../db/schema.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { newScanId, offlineScan, postJson, seedEvent, signIn } from './test-fixtures.ts';

afterAll(closeSharedRedis);

describe.each(dbKinds)('batch reconciliation over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup(options: Parameters<typeof seedEvent>[1] = {}) {
    const clock = fakeClock('2026-07-10T19:10:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, options);
    const a = await signIn(app, seed.eventId, seed.door, 'Phone A');
    const b = await signIn(app, seed.eventId, seed.door, 'Phone B');
    const rowsOf = () => t().database.db.select().from(checkIns).where(eq(checkIns.eventId, seed.eventId));
    const attendee = async (code: string) =>
      (await t().database.db.select().from(attendees).where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = ${code}`))[0];
    return { app, seed, a, b, clock, rowsOf, attendee };
  }

  it('offline conflict: A admits T offline at 19:00, B online at 19:05, A uploads at 19:10 → conflict naming B', async () => {
    const { app, seed, a, b, clock, rowsOf, attendee } = await setup();
    const code = seed.codes[0];
    clock.set('2026-07-10T19:05:00Z');
    const online = (await (await postJson(app, '/api/v1/check-in', b, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main })).json()).data;
    expect(online.verdict).toBe('accepted');
    clock.set('2026-07-10T19:10:00Z');
    const up = await postJson(app, '/api/v1/mobile/scans', a, {
      sent_at: '2026-07-10T19:10:00Z',
      scans: [offlineScan(code, '2026-07-10T19:00:00Z', { entrance_id: seed.main })],
    });
    expect(up.status).toBe(200);
    const [r] = (await up.json()).data.results;
    expect(r).toMatchObject({
      verdict: 'conflict',
      conflict_with_scan_id: online.scan_id,
      first_scan: { at: '2026-07-10T19:05:00.000Z', entrance: 'Main Gate', device: 'Phone B' },
      attendee: { checkins_used: 1, inside: true },
    });
    expect(r.message).toBe('Admitted offline, but already checked in at 21:05 at Main Gate by Phone B: review');
    const stored = (await rowsOf()).find((x) => x.scanId === r.scan_id)!;
    expect(stored).toMatchObject({ verdict: 'conflict', offline: true, localVerdict: 'accepted', conflictWithScanId: online.scan_id });
    expect(stored.scannedAt.toISOString()).toBe('2026-07-10T19:00:00.000Z');
    expect(stored.receivedAt.toISOString()).toBe('2026-07-10T19:10:00.000Z');
    expect((await attendee(code)).checkinsUsed).toBe(1);
  });

  it('the same batch uploaded 3 times, and 2 overlapping batches → no duplicate rows, identical results', async () => {
    const { app, seed, a, b, rowsOf, attendee } = await setup();
    const batchA = { sent_at: '2026-07-10T19:10:00Z', scans: [0, 1, 2, 3].map((i) => offlineScan(seed.codes[i], `2026-07-10T19:0${i}:00Z`)) };
    const first = (await (await postJson(app, '/api/v1/mobile/scans', a, batchA)).json()).data.results;
    for (let i = 0; i < 2; i++) {
      const again = (await (await postJson(app, '/api/v1/check-in/batch', a, batchA)).json()).data.results;
      expect(again).toEqual(first);
    }
    // B scanned codes 2..5 offline too; 2 and 3 overlap with A's.
    const batchB = { sent_at: '2026-07-10T19:10:00Z', scans: [2, 3, 4, 5].map((i) => offlineScan(seed.codes[i], `2026-07-10T19:0${i + 1}:30Z`)) };
    const rb = (await (await postJson(app, '/api/v1/mobile/scans', b, { ...batchB, scans: [...batchB.scans, ...batchA.scans.slice(2)] })).json()).data.results;
    expect(rb.map((r: { verdict: string }) => r.verdict)).toEqual(['conflict', 'conflict', 'accepted', 'accepted', 'accepted', 'accepted']);
    expect(rb.slice(4)).toEqual(first.slice(2));
    const rows = await rowsOf();
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.scanId)).size).toBe(8);
    for (const i of [0, 1, 2, 3, 4, 5]) expect((await attendee(seed.codes[i])).checkinsUsed).toBe(1);
  });

  it('orders by scan time within a ticket, whatever the upload order; windows judged at scan time', async () => {
    const { app, seed, a, attendee } = await setup({ reentryAllowed: true, endsAt: new Date('2026-07-10T19:08:00Z') });
    const code = seed.codes[1];
    const scans = [
      offlineScan(code, '2026-07-10T19:06:00Z'),
      offlineScan(code, '2026-07-10T19:02:00Z', { direction: 'out', local_verdict: 'accepted' }),
      offlineScan(code, '2026-07-10T19:01:00Z'),
      offlineScan(seed.codes[2], '2026-07-10T19:09:00Z', { local_verdict: 'not_open' }),
    ];
    const results = (await (await postJson(app, '/api/v1/mobile/scans', a, { sent_at: '2026-07-10T19:10:00Z', scans })).json()).data.results;
    expect(results.map((r: { verdict: string }) => r.verdict)).toEqual(['accepted', 'accepted', 'accepted', 'not_open']);
    expect(results[0]).toMatchObject({ reentry: true });
    expect(await attendee(code)).toMatchObject({ checkinsUsed: 1, inside: true });
  });

  it('an invalid item gets its own error; the valid ones are recorded; skew is recorded', async () => {
    const { app, seed, a, rowsOf } = await setup();
    const good = offlineScan(seed.codes[3], '2026-07-10T19:03:00Z');
    const scans = [
      good,
      { ...offlineScan(seed.codes[4], '2026-07-10T19:03:00Z'), scan_id: 'nope' },
      offlineScan('', '2026-07-10T19:03:00Z'),
      offlineScan(seed.codes[5], '2026-07-12T19:03:00Z'),
      offlineScan(seed.codes[5], '2026-07-10T19:03:00Z', { entrance_id: newScanId() }),
      'not an object',
      offlineScan('ÄÖÜ✓', '2026-07-10T19:03:00Z'),
    ];
    const res = await postJson(app, '/api/v1/mobile/scans', a, { sent_at: '2026-07-10T19:09:58Z', scans });
    expect(res.status).toBe(200);
    const results = (await res.json()).data.results;
    expect(results[0]).toMatchObject({ scan_id: good.scan_id, verdict: 'accepted' });
    expect(results[1]).toMatchObject({ scan_id: 'nope', error: { code: 'validation_failed' } });
    expect(results[1].error.message).toContain('scans.1.scan_id');
    expect(results[2].error.message).toContain('ticket_code');
    // A time two days ahead is not believed: kept at the receive time and flagged, not refused.
    expect(results[3]).toMatchObject({ verdict: 'accepted' });
    expect(results[4].error.message).toContain('entrance_id');
    expect(results[5]).toMatchObject({ scan_id: null, error: { code: 'validation_failed' } });
    // Admitted offline on a code the server does not know: the person is in, so it is for review.
    expect(results[6]).toMatchObject({ verdict: 'conflict', server_verdict: 'unknown_ticket' });
    const rows = await rowsOf();
    expect(rows.map((r) => r.ticketCode).sort()).toEqual([seed.codes[3], seed.codes[5], 'ÄÖÜ✓'].sort());
    expect(rows.find((r) => r.ticketCode === seed.codes[3])!.clockSkewMs).toBe(2000);
    expect(rows.find((r) => r.ticketCode === seed.codes[5])).toMatchObject({ timeFlag: 'future', receivedAt: new Date('2026-07-10T19:10:00Z') });
    const [device] = await t().database.db.select().from(devices).where(eq(devices.id, a.deviceId));
    expect(device.lastClockSkewMs).toBe(2000);
  });

  it('a bad envelope is a 4xx naming the field and writes nothing', async () => {
    const { app, seed, a, rowsOf } = await setup();
    const scan = offlineScan(seed.codes[6], '2026-07-10T19:03:00Z');
    const cases: Array<[unknown, string]> = [
      [{ scans: Array.from({ length: 501 }, () => scan), sent_at: '2026-07-10T19:10:00Z' }, 'scans'],
      [{ scans: [], sent_at: '2026-07-10T19:10:00Z' }, 'scans'],
      [{ scans: [scan] }, 'sent_at'],
      [{ scans: 'x', sent_at: '2026-07-10T19:10:00Z' }, 'scans'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(app, '/api/v1/mobile/scans', a, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify((await res.json()).error)).toContain(field);
    }
    const text = await app.request('/api/v1/mobile/scans', {
      method: 'POST',
      headers: { authorization: a.auth.authorization, 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(text.status).toBe(415);
    const noToken = await postJson(app, '/api/v1/mobile/scans', null, { scans: [scan], sent_at: '2026-07-10T19:10:00Z' });
    expect(noToken.status).toBe(401);
    expect(await rowsOf()).toHaveLength(0);
  });

  it.each([
    ['memory', {}],
    ['redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
  ])('uploads are rate limited per device with 429 and Retry-After (%s store)', async (_store, env) => {
    const clock = fakeClock('2026-07-10T19:10:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '2', ...env }) });
    const seed = await seedEvent(t().database);
    const a = await signIn(app, seed.eventId, seed.door);
    const b = await signIn(app, seed.eventId, seed.door);
    const up = (p: typeof a) =>
      postJson(app, '/api/v1/mobile/scans', p, { sent_at: '2026-07-10T19:10:00Z', scans: [offlineScan(seed.codes[7], '2026-07-10T19:03:00Z')] });
    expect((await up(a)).status).toBe(200);
    expect((await up(a)).status).toBe(200);
    const refused = await up(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await up(b)).status).toBe(200);
    clock.advance(61_000);
    expect((await up(a)).status).toBe(200);
  });
});

describe('overlapping uploads at the same moment (postgres)', () => {
  const t = useTestDatabase('postgres', { max: 20 });

  it('two devices uploading crossing batches concurrently never deadlock and count each ticket once', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 200 });
    const a = await signIn(app, seed.eventId, seed.door);
    const b = await signIn(app, seed.eventId, seed.door);
    const now = Date.now();
    const batch = (order: number[]) => ({
      sent_at: new Date(now).toISOString(),
      scans: order.map((i) => offlineScan(seed.codes[i], new Date(now - 60_000 + i).toISOString())),
    });
    const ids = Array.from({ length: 200 }, (_, i) => i);
    const [ra, rb] = await Promise.all([
      postJson(app, '/api/v1/mobile/scans', a, batch(ids)).then((r) => r.json()),
      postJson(app, '/api/v1/mobile/scans', b, batch([...ids].reverse())).then((r) => r.json()),
    ]);
    const verdicts = [...ra.data.results, ...rb.data.results].map((r: { verdict: string }) => r.verdict);
    expect(verdicts.filter((v) => v === 'accepted')).toHaveLength(200);
    expect(verdicts.filter((v) => v === 'conflict')).toHaveLength(200);
    const used = await t()
      .database.db.select({ n: sql<number>`sum(${attendees.checkinsUsed})` })
      .from(attendees)
      .where(eq(attendees.eventId, seed.eventId));
    expect(Number(used[0].n)).toBe(200);
  });
});
