// Issue 10 item 2: a phone's clock minutes off never stops the door. Online scans are judged
// at the server's time, uploads are corrected by the skew their `sent_at` shows, and a time
// the server cannot believe is recorded at the receive time and flagged, never refused.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../../shared/protocol/audit.ts';
import { SERVER_TIME_HEADER } from '../../shared/protocol/headers.ts';
import { fakeClock } from '../clock.ts';
import { checkIns, entrances } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, dataOf, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { newScanId, postJson, seedEvent, signIn } from './test-fixtures.ts';

const MIN = 60_000;
const SERVER_NOW = '2026-07-10T19:10:00.000Z';
const shifted = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

afterAll(closeSharedRedis);

describe.each(dbKinds)('a phone clock minutes off over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock(SERVER_NOW);
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database);
    const phone = await signIn(app, seed.eventId, seed.door, 'Door A');
    const cookie = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
    const audit = async () =>
      auditListResponseSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/check-ins`))).check_ins;
    const closeMainGateAt = (at: string) =>
      t()
        .database.db.update(entrances)
        .set({ closesAt: new Date(at) })
        .where(eq(entrances.id, seed.main));
    return { app, seed, phone, clock, audit, closeMainGateAt };
  }

  it('every phone answer carries the server time in ms, errors included', async () => {
    const { app, seed, phone } = await setup();
    const ok = await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[0] });
    expect(ok.headers.get(SERVER_TIME_HEADER)).toBe(String(new Date(SERVER_NOW).getTime()));
    const bad = await postJson(app, '/api/v1/check-in', phone, { scan_id: 'nope', ticket_code: seed.codes[0] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get(SERVER_TIME_HEADER)).toBe(String(new Date(SERVER_NOW).getTime()));
  });

  it('a phone 15 min fast scanning online (uncorrected) gets a verdict judged at server time, flagged', async () => {
    const { app, seed, phone, audit, closeMainGateAt } = await setup();
    // The gate closes at 19:20: the phone's 19:25 would say "not open"; the server's 19:10 admits.
    await closeMainGateAt('2026-07-10T19:20:00Z');
    const res = await postJson(app, '/api/v1/check-in', phone, {
      scan_id: newScanId(),
      ticket_code: seed.codes[0],
      entrance_id: seed.main,
      scanned_at: shifted(SERVER_NOW, 15 * MIN),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ verdict: 'accepted' });
    const [row] = await audit();
    expect(row).toMatchObject({
      verdict: 'accepted',
      scanned_at: SERVER_NOW,
      received_at: SERVER_NOW,
      phone_scanned_at: shifted(SERVER_NOW, 15 * MIN),
      clock_skew_ms: -15 * MIN,
      time_flag: 'future',
    });
  });

  it('a phone 15 min fast that corrected its time is judged at server time and not flagged', async () => {
    const { app, seed, phone, audit } = await setup();
    const res = await postJson(app, '/api/v1/check-in', phone, {
      scan_id: newScanId(),
      ticket_code: seed.codes[1],
      scanned_at: shifted(SERVER_NOW, 40),
      clock_offset_ms: -15 * MIN,
    });
    expect((await res.json()).data).toMatchObject({ verdict: 'accepted' });
    const [row] = await audit();
    expect(row).toMatchObject({ scanned_at: SERVER_NOW, phone_scanned_at: shifted(SERVER_NOW, 15 * MIN + 40), time_flag: null });
    expect(row.clock_skew_ms).toBe(-15 * MIN - 40);
  });

  it('a phone 5 min slow scanning online after the gate closed is refused: judged at server time', async () => {
    const { app, seed, phone, closeMainGateAt } = await setup();
    await closeMainGateAt('2026-07-10T19:08:00Z');
    const res = await postJson(app, '/api/v1/check-in', phone, {
      scan_id: newScanId(),
      ticket_code: seed.codes[2],
      entrance_id: seed.main,
      scanned_at: shifted(SERVER_NOW, -5 * MIN),
    });
    expect((await res.json()).data).toMatchObject({ verdict: 'not_open' });
  });

  it('an upload with sent_at 15 min fast gets its times corrected', async () => {
    const { app, seed, phone, audit, closeMainGateAt } = await setup();
    // Scanned at 19:02 server time (19:17 on the phone); the gate closed at 19:05 (before 19:17).
    await closeMainGateAt('2026-07-10T19:05:00Z');
    const scan = {
      scan_id: newScanId(),
      ticket_code: seed.codes[3],
      entrance_id: seed.main,
      scanned_at: '2026-07-10T19:17:00.000Z',
      direction: 'in',
      local_verdict: 'accepted',
      offline: true,
    };
    const res = await postJson(app, '/api/v1/mobile/scans', phone, { sent_at: shifted(SERVER_NOW, 15 * MIN), scans: [scan] });
    expect(res.status).toBe(200);
    expect((await res.json()).data.results[0]).toMatchObject({ verdict: 'accepted' });
    const [row] = await audit();
    expect(row).toMatchObject({
      scanned_at: '2026-07-10T19:02:00.000Z',
      phone_scanned_at: '2026-07-10T19:17:00.000Z',
      clock_skew_ms: -15 * MIN,
      time_flag: null,
      received_at: SERVER_NOW,
    });
  });

  it('an upload already corrected by the phone keeps its times (transit noise is not applied)', async () => {
    const { app, seed, phone, audit } = await setup();
    const scan = {
      scan_id: newScanId(),
      ticket_code: seed.codes[4],
      scanned_at: '2026-07-10T19:02:00.000Z',
      clock_offset_ms: -15 * MIN,
      local_verdict: 'accepted',
      offline: true,
    };
    await postJson(app, '/api/v1/mobile/scans', phone, { sent_at: shifted(SERVER_NOW, -300), scans: [scan] });
    const [row] = await audit();
    expect(row).toMatchObject({ scanned_at: '2026-07-10T19:02:00.000Z', phone_scanned_at: '2026-07-10T19:17:00.000Z', clock_skew_ms: -15 * MIN });
  });

  it('an absurd time is recorded at the receive time and flagged, never refused', async () => {
    const { app, seed, phone, audit, clock } = await setup();
    const online = await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[5], scanned_at: '2099-01-01T00:00:00Z' });
    expect(online.status).toBe(200);
    const upload = await postJson(app, '/api/v1/mobile/scans', phone, {
      sent_at: SERVER_NOW,
      scans: [
        { scan_id: newScanId(), ticket_code: seed.codes[6], scanned_at: '2099-01-01T00:00:00Z', local_verdict: 'accepted', offline: true },
        { scan_id: newScanId(), ticket_code: seed.codes[7], scanned_at: '1999-01-01T00:00:00Z', local_verdict: 'accepted', offline: true },
      ],
    });
    expect(upload.status).toBe(200);
    expect((await upload.json()).data.results.map((r: { verdict: string }) => r.verdict)).toEqual(['accepted', 'accepted']);
    const rows = await audit();
    const byCode = new Map(rows.map((r) => [r.ticket_code, r]));
    for (const [code, flag, phoneAt] of [
      [seed.codes[5], 'future', '2099-01-01T00:00:00.000Z'],
      [seed.codes[6], 'future', '2099-01-01T00:00:00.000Z'],
      [seed.codes[7], 'past', '1999-01-01T00:00:00.000Z'],
    ] as const) {
      expect(byCode.get(code)).toMatchObject({ scanned_at: clock.now().toISOString(), received_at: SERVER_NOW, time_flag: flag, phone_scanned_at: phoneAt });
    }
    // The stored rows say the same.
    const stored = await t().database.db.select().from(checkIns).where(eq(checkIns.eventId, seed.eventId));
    expect(stored.filter((r) => r.timeFlag !== null)).toHaveLength(3);
  });
});
