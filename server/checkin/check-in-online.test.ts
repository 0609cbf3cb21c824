import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeClock } from '../clock.ts';
import { attendees, checkIns, entrances } from '../db/schema.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { RULES_TTL_MS } from './event-rules-cache.ts';
import { newScanId, postJson, seedEvent, signIn } from './test-fixtures.ts';

const countRows = async (db: ReturnType<ReturnType<typeof useTestDatabase>>['database']['db']) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(checkIns))[0].n);

describe.each(dbKinds)('online check-in over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup(options: Parameters<typeof seedEvent>[1] = {}) {
    const clock = fakeClock('2026-07-10T19:00:00Z');
    const { app, deps } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, options);
    const phone = await signIn(app, seed.eventId, seed.door, 'Door 3');
    const scan = (body: Record<string, unknown>) => postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ...body });
    return { app, deps, seed, phone, clock, scan };
  }

  it('admits a valid ticket once, then says where and when it was first scanned', async () => {
    const { seed, scan, clock } = await setup();
    const first = await scan({ ticket_code: seed.codes[0], entrance_id: seed.main });
    expect(first.status).toBe(200);
    const a = (await first.json()).data;
    expect(a).toMatchObject({
      verdict: 'accepted',
      message: 'Welcome, First0 Last0',
      attendee: { name: 'First0 Last0', ticket_type: 'General', checkins_used: 1, checkins_allowed: 1, inside: true },
      first_scan: null,
    });
    clock.advance(60_000);
    const again = (await (await scan({ ticket_code: ` ${seed.codes[0]} `, entrance_id: seed.main })).json()).data;
    expect(again).toMatchObject({
      verdict: 'already_checked_in',
      message: 'Already checked in at 21:00 at Main Gate by Door 3',
      first_scan: { at: '2026-07-10T19:00:00.000Z', entrance: 'Main Gate', device: 'Door 3' },
    });
  });

  it('a repeated scan_id returns the first result and writes nothing', async () => {
    const { seed, phone, app } = await setup();
    const body = { scan_id: newScanId(), ticket_code: seed.codes[1] };
    const r1 = await (await postJson(app, '/api/v1/check-in', phone, body)).json();
    const before = await countRows(t().database.db);
    const r2 = await (await postJson(app, '/api/v1/check-in', phone, body)).json();
    expect(r2).toEqual(r1);
    expect(await countRows(t().database.db)).toBe(before);
    const [row] = await t()
      .database.db.select()
      .from(attendees)
      .where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = ${seed.codes[1]}`);
    expect(row.checkinsUsed).toBe(1);
  });

  it('pretix scenarios: exit then re-entry, by the event setting', async () => {
    for (const reentryAllowed of [true, false]) {
      const { seed, scan } = await setup({ reentryAllowed });
      const code = seed.codes[2];
      expect((await (await scan({ ticket_code: code })).json()).data.verdict).toBe('accepted');
      expect((await (await scan({ ticket_code: code, direction: 'out' })).json()).data).toMatchObject({ verdict: 'accepted', attendee: { inside: false } });
      const back = (await (await scan({ ticket_code: code })).json()).data;
      expect(back.verdict).toBe(reentryAllowed ? 'accepted' : 'already_checked_in');
      if (reentryAllowed) expect(back).toMatchObject({ reentry: true, message: 'Welcome back, First2 Last2', attendee: { checkins_used: 1, inside: true } });
    }
  });

  it('pretix scenarios: wrong entrance, entrance not open yet, cancelled, unknown', async () => {
    // The rules cache reads performance.now(): this test moves that clock, not the wall clock.
    vi.useFakeTimers({ toFake: ['performance'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { seed, scan, deps } = await setup();
    expect((await (await scan({ ticket_code: seed.codes[3], entrance_id: seed.vipGate })).json()).data).toMatchObject({
      verdict: 'wrong_entrance',
      message: 'General is not valid at VIP Gate',
      attendee: { checkins_used: 0 },
    });
    expect((await (await scan({ ticket_code: seed.codes[9], entrance_id: seed.vipGate })).json()).data.verdict).toBe('accepted');
    await deps.database.db
      .update(entrances)
      .set({ opensAt: new Date('2026-07-10T20:00:00Z') })
      .where(eq(entrances.id, seed.main));
    // Event rules are cached for up to RULES_TTL_MS: an organiser's change applies within that.
    vi.advanceTimersByTime(RULES_TTL_MS + 1);
    expect((await (await scan({ ticket_code: seed.codes[4], entrance_id: seed.main })).json()).data).toMatchObject({
      verdict: 'not_open',
      message: 'Main Gate opens at 22:00',
    });
    await deps.database.db.update(attendees).set({ status: 'cancelled' }).where(eq(attendees.ticketCode, seed.codes[5]));
    expect((await (await scan({ ticket_code: seed.codes[5] })).json()).data.verdict).toBe('cancelled');
    expect((await (await scan({ ticket_code: 'NOPE-123' })).json()).data).toMatchObject({ verdict: 'unknown_ticket', attendee: null });
  });

  it('a credential bound to an entrance scans there whatever the body says', async () => {
    const { app, seed } = await setup();
    const vipPhone = await signIn(app, seed.eventId, seed.vipDoor);
    const res = await postJson(app, '/api/v1/check-in', vipPhone, { scan_id: newScanId(), ticket_code: seed.codes[6], entrance_id: seed.main });
    expect((await res.json()).data.verdict).toBe('wrong_entrance');
  });

  it('a legacy pipe-separated payload is read as its last field', async () => {
    const { seed, scan } = await setup();
    expect((await (await scan({ ticket_code: `12|checksum|ab12|${seed.codes[7]}` })).json()).data.verdict).toBe('accepted');
  });

  it("the event comes from the token: an event_id in the body is ignored, another event's ticket is unknown", async () => {
    const { seed: a, scan } = await setup();
    const b = await seedEvent(t().database, {});
    const res = await scan({ ticket_code: a.codes[8], event_id: b.eventId });
    expect((await res.json()).data.verdict).toBe('accepted');
    const other = await scan({ ticket_code: 'T000008X' });
    expect((await other.json()).data.verdict).toBe('unknown_ticket');
    const [bRow] = await t().database.db.select().from(attendees).where(sql`${attendees.eventId} = ${b.eventId} and ${attendees.ticketCode} = ${b.codes[8]}`);
    expect(bRow.checkinsUsed).toBe(0);
    const wrongEntrance = await scan({ ticket_code: a.codes[10], entrance_id: b.main });
    expect(wrongEntrance.status).toBe(400);
    expect((await wrongEntrance.json()).error.details).toMatchObject({ path: 'entrance_id' });
  });

  it('bad input is a clear 4xx naming the field and writes nothing', async () => {
    const { seed, phone, app } = await setup();
    const before = await countRows(t().database.db);
    const cases: Array<[unknown, number, string]> = [
      [{ scan_id: newScanId(), ticket_code: '' }, 400, 'ticket_code'],
      [{ scan_id: newScanId(), ticket_code: '   ' }, 400, 'ticket_code'],
      [{ scan_id: newScanId(), ticket_code: 'x'.repeat(10_240) }, 400, 'ticket_code'],
      [{ scan_id: newScanId(), ticket_code: 'AB\u0000C' }, 400, 'ticket_code'],
      [{ scan_id: newScanId(), ticket_code: 'AB\u001bC' }, 400, 'ticket_code'],
      [{ scan_id: 'not-a-uuid', ticket_code: seed.codes[0] }, 400, 'scan_id'],
      [{ ticket_code: seed.codes[0] }, 400, 'scan_id'],
      // A far-off (but well-formed) scanned_at is not refused: see phone-clock.test.ts.
      [{ scan_id: newScanId(), ticket_code: seed.codes[0], clock_offset_ms: 1.5 }, 400, 'clock_offset_ms'],
      [{ scan_id: newScanId(), ticket_code: seed.codes[0], scanned_at: 'yesterday' }, 400, 'scanned_at'],
      [{ scan_id: newScanId(), ticket_code: seed.codes[0], direction: 'sideways' }, 400, 'direction'],
      [{ scan_id: newScanId(), ticket_code: seed.codes[0], entrance_id: 'gate-1' }, 400, 'entrance_id'],
      [{ scan_id: newScanId(), ticket_code: 42 }, 400, 'ticket_code'],
    ];
    for (const [body, status, field] of cases) {
      const res = await postJson(app, '/api/v1/check-in', phone, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      const err = (await res.json()).error;
      expect(JSON.stringify(err.details) + err.message).toContain(field);
    }
    const wrongType = await app.request('/api/v1/check-in', {
      method: 'POST',
      headers: { authorization: phone.auth.authorization, 'content-type': 'text/plain' },
      body: 'T000000',
    });
    expect(wrongType.status).toBe(415);
    const badJson = await app.request('/api/v1/check-in', { method: 'POST', headers: phone.auth, body: '{"scan_id":' });
    expect(badJson.status).toBe(400);
    expect(await countRows(t().database.db)).toBe(before);
  });

  it('a unicode code is a real attempt: unknown, and audited', async () => {
    const { scan } = await setup();
    const before = await countRows(t().database.db);
    expect((await (await scan({ ticket_code: 'Ticket-ÄÖÜ-✓-🎟' })).json()).data.verdict).toBe('unknown_ticket');
    expect(await countRows(t().database.db)).toBe(before + 1);
  });

  it('a scan_id used in another event is a 409, not its result', async () => {
    const { scan, seed } = await setup();
    const scanId = newScanId();
    await scan({ scan_id: scanId, ticket_code: seed.codes[11] });
    const other = await setup();
    const res = await other.scan({ scan_id: scanId, ticket_code: other.seed.codes[11] });
    expect(res.status).toBe(409);
  });
});

describe('online check-in under concurrency (postgres)', () => {
  const t = useTestDatabase('postgres', { max: 30 });

  it.each([
    [1, 1],
    [3, 3],
  ])('50 concurrent scans of one ticket allowing %i → exactly %i accepted, 50 audit rows', async (allowed, expected) => {
    const { app } = makeTestApp(t().database);
    const seed = await seedEvent(t().database, { checkinsAllowed: allowed, attendees: 2 });
    const phones = await Promise.all([0, 1, 2, 3, 4].map((i) => signIn(app, seed.eventId, seed.door, `Door ${i}`)));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postJson(app, '/api/v1/check-in', phones[i % 5], { scan_id: newScanId(), ticket_code: seed.codes[0] }).then((r) => r.json()),
      ),
    );
    const verdicts = results.map((r) => r.data.verdict);
    expect(verdicts.filter((v) => v === 'accepted')).toHaveLength(expected);
    expect(verdicts.filter((v) => v === 'already_checked_in')).toHaveLength(50 - expected);
    const rows = await t().database.db.select().from(checkIns).where(eq(checkIns.eventId, seed.eventId));
    expect(rows).toHaveLength(50);
    const [a] = await t()
      .database.db.select()
      .from(attendees)
      .where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = ${seed.codes[0]}`);
    expect(a.checkinsUsed).toBe(expected);
  });

  it('the same scan_id sent 20 times at once is recorded once', async () => {
    const { app } = makeTestApp(t().database);
    const seed = await seedEvent(t().database, { attendees: 2 });
    const phone = await signIn(app, seed.eventId, seed.door);
    const body = { scan_id: newScanId(), ticket_code: seed.codes[1] };
    const results = await Promise.all(Array.from({ length: 20 }, () => postJson(app, '/api/v1/check-in', phone, body).then((r) => r.json())));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0].data.verdict).toBe('accepted');
    const rows = await t().database.db.select().from(checkIns).where(eq(checkIns.scanId, body.scan_id));
    expect(rows).toHaveLength(1);
  });
});
