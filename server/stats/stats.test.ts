import { describe, expect, it } from 'vitest';
import { eventStatsSchema } from '../../shared/protocol/stats.ts';
import { auditListResponseSchema } from '../../shared/protocol/audit.ts';
import { newScanId, postJson, seedEvent, signIn as phoneSignIn } from '../checkin/test-fixtures.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { readStats } from './sse-reader.ts';

describe.each(dbKinds)('stats, stream, audit log and void over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const { app, deps } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 20 });
    const admin = await makeUser(t().database, 'admin');
    const cookie = await signIn(app, admin.email);
    const door = await phoneSignIn(app, seed.eventId, seed.door, 'Door 1');
    const scan = async (code: string, over: Record<string, unknown> = {}) =>
      (await (await postJson(app, '/api/v1/check-in', door, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main, ...over })).json()).data;
    return { app, deps, seed, cookie, door, scan };
  }

  it('stats count admitted, totals, inside, conflicts by type and entrance; the offline conflict counts the ticket once', async () => {
    const { app, seed, cookie, door, scan } = await setup();
    await scan(seed.codes[0]);
    await scan(seed.codes[0]);
    await scan(seed.codes[1]);
    await scan(seed.codes[1], { direction: 'out' });
    await scan('NOPE');
    const now = new Date();
    await postJson(app, '/api/v1/mobile/scans', door, {
      sent_at: now.toISOString(),
      scans: [
        {
          scan_id: newScanId(),
          ticket_code: seed.codes[0],
          scanned_at: new Date(now.getTime() - 60_000).toISOString(),
          entrance_id: seed.main,
          local_verdict: 'accepted',
          offline: true,
        },
      ],
    });
    const stats = eventStatsSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stats`)));
    expect(stats).toMatchObject({ total: 20, admitted: 2, inside: 1, conflicts: 1 });
    expect(stats.by_ticket_type).toEqual([
      { ticket_type_id: seed.ga, name: 'General', admitted: 2, total: 18 },
      { ticket_type_id: seed.vip, name: 'VIP', admitted: 0, total: 2 },
    ]);
    // Every entrance, also one with no scans yet.
    expect(stats.by_entrance).toEqual([
      { entrance_id: seed.main, name: 'Main Gate', admitted: 2, scans: 6, inside: 1 },
      { entrance_id: seed.vipGate, name: 'VIP Gate', admitted: 0, scans: 0, inside: 0 },
    ]);
    expect(stats.scans_per_minute.reduce((s, m) => s + m.scans, 0)).toBe(6);
    // The chart covers the whole event and holds every scan; the feed shows the latest first.
    expect(stats.timeline.points.reduce((s, m) => s + m.scans, 0)).toBe(6);
    expect(Date.parse(stats.timeline.from)).toBeLessThanOrEqual(Date.parse(stats.timeline.points[0].at));
    expect(stats.timezone).toBeTruthy();
    expect(stats.recent).toHaveLength(6);
    expect(stats.recent[0]).toMatchObject({ ticket_code: seed.codes[0], verdict: 'conflict', entrance: 'Main Gate', device: 'Door 1', offline: true });
    expect(stats.recent[1]).toMatchObject({ ticket_code: 'NOPE', verdict: 'unknown_ticket', attendee_name: null });
  });

  it('the stream sends the numbers at once and again after a check-in', async () => {
    const { app, seed, cookie, scan } = await setup();
    const res = await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stream`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = readStats(res.body!);
    const first = await stream.next();
    expect(first.admitted).toBe(0);
    await scan(seed.codes[2]);
    // Waits for the push itself; how fast it comes is a figure for a quiet machine, not a
    // wall-clock deadline that fails whenever CI is busy.
    const pushed = await stream.next((s) => s.admitted === 1);
    expect(pushed.inside).toBe(1);
    await stream.close();
  });

  it('stats and stream need console access to the event', async () => {
    const { app, seed, door } = await setup();
    expect((await consoleRequest(app, null, 'GET', `/api/v1/events/${seed.eventId}/stats`)).status).toBe(401);
    const outsider = await makeUser(t().database, 'organiser');
    const cookie = await signIn(app, outsider.email);
    expect((await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stream`)).status).toBe(403);
    expect((await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/check-ins`)).status).toBe(403);
    expect((await app.request(`/api/v1/events/${seed.eventId}/check-ins`, { headers: door.auth })).status).toBe(401);
  });

  it('the audit log filters and pages by cursor; the CSV has every row', async () => {
    const { app, seed, cookie, scan } = await setup();
    for (let i = 3; i < 9; i++) await scan(seed.codes[i]);
    await scan(seed.codes[3]);
    await scan('UNKNOWN-1');
    const base = `/api/v1/events/${seed.eventId}/check-ins`;
    const page1 = auditListResponseSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?limit=5`)));
    expect(page1.check_ins).toHaveLength(5);
    expect(page1.check_ins[0].ticket_code).toBe('UNKNOWN-1');
    const page2 = auditListResponseSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?limit=5&cursor=${page1.next_cursor}`)));
    expect(page2.check_ins).toHaveLength(3);
    expect(page2.next_cursor).toBeNull();
    const already = await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?verdict=already_checked_in`));
    expect(already.check_ins).toHaveLength(1);
    expect(already.check_ins[0]).toMatchObject({ ticket_code: seed.codes[3], attendee_name: 'First3 Last3', entrance: 'Main Gate', device: 'Door 1' });
    const byName = await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?q=first5`));
    expect(byName.check_ins.map((r: { ticket_code: string }) => r.ticket_code)).toEqual([seed.codes[5]]);
    expect((await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?offline=true`))).check_ins).toHaveLength(0);
    expect((await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?device_id=${seed.eventId}`))).check_ins).toHaveLength(0);
    for (const q of ['?verdict=maybe', '?limit=0', '?cursor=abc', '?since=yesterday', '?entrance_id=x']) {
      const bad = await consoleRequest(app, cookie, 'GET', `${base}${q}`);
      expect(bad.status).toBe(400);
    }
    const csv = await consoleRequest(app, cookie, 'GET', `${base}.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^received_at,scanned_at,kind,verdict/);
  });

  it('a void gives the allowance back, keeps the original, and is refused twice, for doors and for non-admissions', async () => {
    const { app, seed, cookie, scan } = await setup();
    const admitted = await scan(seed.codes[10]);
    const refused = await scan(seed.codes[10]);
    const supervisor = await phoneSignIn(app, seed.eventId, seed.supervisor, 'Sup');
    const door2 = await phoneSignIn(app, seed.eventId, seed.door);
    const path = (id: string) => `/api/v1/check-ins/${id}/void`;
    expect((await postJson(app, path(admitted.scan_id), door2, { reason: 'mistake' })).status).toBe(403);
    expect((await postJson(app, path(admitted.scan_id), supervisor, { reason: '' })).status).toBe(400);
    expect((await postJson(app, path(refused.scan_id), supervisor, { reason: 'x' })).status).toBe(409);
    expect((await postJson(app, path(newScanId()), supervisor, { reason: 'x' })).status).toBe(404);
    const voided = await postJson(app, path(admitted.scan_id), supervisor, { reason: 'scanned the wrong ticket' });
    expect(voided.status).toBe(200);
    expect((await voided.json()).data).toMatchObject({ kind: 'void', voids_scan_id: admitted.scan_id, reason: 'scanned the wrong ticket', device: 'Sup' });
    expect((await consoleRequest(app, cookie, 'POST', path(admitted.scan_id), { reason: 'again' })).status).toBe(409);
    const stats = await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stats`));
    expect(stats).toMatchObject({ admitted: 0, inside: 0 });
    const again = await scan(seed.codes[10]);
    expect(again.verdict).toBe('accepted');
    const log = await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/check-ins?q=${seed.codes[10]}`));
    expect(log.check_ins.find((r: { scan_id: string }) => r.scan_id === admitted.scan_id)).toMatchObject({
      verdict: 'accepted',
      voided_by_scan_id: expect.any(String),
    });
    // The console may void too (admin), with CSRF protection.
    const other = await scan(seed.codes[11]);
    const csrf = await app.request(path(other.scan_id), {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"reason":"x"}',
    });
    expect(csrf.status).toBe(403);
    const byAdmin = await consoleRequest(app, cookie, 'POST', path(other.scan_id), { reason: 'refund at the door' });
    expect((await dataOf(byAdmin)).user_id).toBeTruthy();
  });
});
