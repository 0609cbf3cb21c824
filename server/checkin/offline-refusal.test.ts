// Issue 10 item 1: a scan the door refused offline is recorded as that refusal when it is
// uploaded. It uses no allowance and lets nobody in, so the real holder is admitted later;
// what the server would have said is kept beside it in the audit log, for review.
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../../shared/protocol/audit.ts';
import type { Verdict } from '../../shared/protocol/common.ts';
import { fakeClock } from '../clock.ts';
import { attendees, checkIns } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, dataOf, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { newScanId, postJson, seedEvent, signIn, type Phone } from './test-fixtures.ts';

const offlineScan = (code: string, scannedAt: string, localVerdict: Verdict, over: Record<string, unknown> = {}) => ({
  scan_id: newScanId(),
  ticket_code: code,
  scanned_at: scannedAt,
  direction: 'in',
  local_verdict: localVerdict,
  offline: true,
  ...over,
});

afterAll(closeSharedRedis);

describe.each(dbKinds)('an offline refusal stays a refusal over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock('2026-07-10T19:10:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database);
    const a = await signIn(app, seed.eventId, seed.door, 'Door A');
    const b = await signIn(app, seed.eventId, seed.door, 'Door B');
    const cookie = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
    const attendee = async (code: string) =>
      (await t().database.db.select().from(attendees).where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = ${code}`))[0];
    const rowsOf = () => t().database.db.select().from(checkIns).where(eq(checkIns.eventId, seed.eventId));
    const upload = async (phone: Phone, scans: unknown[]) => {
      const res = await postJson(app, '/api/v1/mobile/scans', phone, { sent_at: clock.now().toISOString(), scans });
      expect(res.status).toBe(200);
      return (await res.json()).data.results;
    };
    const online = async (phone: Phone, code: string) =>
      (await (await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main })).json()).data;
    const audit = async (query = '') =>
      auditListResponseSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/check-ins?${query}`)));
    return { app, seed, a, b, clock, attendee, rowsOf, upload, online, audit };
  }

  it('a ticket sold after the door synced: refused offline, uploaded, the holder is then admitted at another door', async () => {
    const { seed, a, b, clock, attendee, upload, online, audit } = await setup();
    const code = seed.codes[4];
    const [refusal] = await upload(a, [offlineScan(code, '2026-07-10T19:00:00Z', 'unknown_ticket', { entrance_id: seed.main })]);
    expect(refusal).toMatchObject({
      verdict: 'unknown_ticket',
      server_verdict: 'accepted',
      message: 'Unknown ticket: refused offline; valid on the server',
      attendee: { name: 'First4 Last4', checkins_used: 0, inside: false },
    });
    expect(await attendee(code)).toMatchObject({ checkinsUsed: 0, inside: false });

    clock.set('2026-07-10T19:12:00Z');
    const holder = await online(b, code);
    expect(holder).toMatchObject({ verdict: 'accepted', message: 'Welcome, First4 Last4', attendee: { checkins_used: 1, inside: true } });

    const log = await audit(`q=${code}`);
    expect(log.check_ins.map((r) => [r.verdict, r.server_verdict, r.offline, r.local_verdict, r.device])).toEqual([
      ['accepted', null, false, null, 'Door B'],
      ['unknown_ticket', 'accepted', true, 'unknown_ticket', 'Door A'],
    ]);
    // Admins can find such refusals: by the server's opinion, or every disagreement.
    expect((await audit('server_verdict=accepted')).check_ins.map((r) => r.scan_id)).toEqual([refusal.scan_id]);
    expect((await audit('disputed_only=true')).check_ins.map((r) => r.scan_id)).toEqual([refusal.scan_id]);
    expect((await audit('disputed_only=false')).check_ins).toHaveLength(2);
  });

  it('every kind of door refusal uses no allowance and lets nobody in; the server agreeing leaves nothing beside it', async () => {
    const { seed, a, attendee, upload, rowsOf } = await setup();
    const refusals: Verdict[] = ['unknown_ticket', 'already_checked_in', 'wrong_entrance', 'not_open', 'cancelled'];
    const scans = refusals.map((v, i) => offlineScan(seed.codes[i], `2026-07-10T19:0${i}:00Z`, v));
    // Already used on the server too: the door and the server agree.
    await upload(a, [offlineScan(seed.codes[6], '2026-07-10T18:00:00Z', 'accepted')]);
    const agreed = offlineScan(seed.codes[6], '2026-07-10T19:06:00Z', 'already_checked_in');
    const results = await upload(a, [...scans, agreed]);
    expect(results.map((r: { verdict: string; server_verdict?: string }) => [r.verdict, r.server_verdict ?? null])).toEqual([
      ...refusals.map((v) => [v, 'accepted']),
      ['already_checked_in', null],
    ]);
    for (const i of [0, 1, 2, 3, 4]) expect(await attendee(seed.codes[i])).toMatchObject({ checkinsUsed: 0, inside: false });
    expect(await attendee(seed.codes[6])).toMatchObject({ checkinsUsed: 1, inside: true });
    const stored = new Map((await rowsOf()).map((r) => [r.scanId, r]));
    expect(stored.get(scans[0].scan_id)).toMatchObject({ verdict: 'unknown_ticket', localVerdict: 'unknown_ticket', serverVerdict: 'accepted' });
    expect(stored.get(agreed.scan_id)).toMatchObject({ verdict: 'already_checked_in', serverVerdict: null });
  });

  it('a duplicate upload of a refusal changes nothing, even after the holder was admitted', async () => {
    const { seed, a, b, clock, attendee, upload, online, rowsOf } = await setup();
    const code = seed.codes[2];
    const scan = offlineScan(code, '2026-07-10T19:00:00Z', 'unknown_ticket');
    const [first] = await upload(a, [scan, scan]);
    expect(await upload(a, [scan])).toEqual([first]);
    clock.set('2026-07-10T19:15:00Z');
    expect((await online(b, code)).verdict).toBe('accepted');
    expect(await upload(a, [scan])).toEqual([first]);
    expect(await upload(b, [scan])).toEqual([first]);
    expect((await rowsOf()).filter((r) => r.scanId === scan.scan_id)).toHaveLength(1);
    expect(await attendee(code)).toMatchObject({ checkinsUsed: 1, inside: true });
  });

  it('a refusal before an offline admission of the same ticket leaves it free: the admission is accepted, not a conflict', async () => {
    const { seed, a, b, attendee, upload } = await setup();
    const code = seed.codes[3];
    const [refused] = await upload(a, [offlineScan(code, '2026-07-10T19:00:00Z', 'unknown_ticket')]);
    const [admitted] = await upload(b, [offlineScan(code, '2026-07-10T19:01:00Z', 'accepted')]);
    expect([refused.verdict, admitted.verdict]).toEqual(['unknown_ticket', 'accepted']);
    expect(admitted.server_verdict).toBeUndefined();
    // In one batch, in either order, the same.
    const code2 = seed.codes[5];
    const later = offlineScan(code2, '2026-07-10T19:01:00Z', 'accepted');
    const earlier = offlineScan(code2, '2026-07-10T19:00:00Z', 'not_open');
    expect((await upload(a, [later, earlier])).map((r: { verdict: string }) => r.verdict)).toEqual(['accepted', 'not_open']);
    for (const c of [code, code2]) expect(await attendee(c)).toMatchObject({ checkinsUsed: 1, inside: true });
  });

  it('an offline admission over the allowance stays a conflict, with the server verdict beside it', async () => {
    const { seed, a, b, clock, upload, online, audit } = await setup();
    const code = seed.codes[7];
    clock.set('2026-07-10T19:05:00Z');
    expect((await online(b, code)).verdict).toBe('accepted');
    clock.set('2026-07-10T19:10:00Z');
    const [r] = await upload(a, [offlineScan(code, '2026-07-10T19:06:00Z', 'accepted')]);
    expect(r).toMatchObject({ verdict: 'conflict', server_verdict: 'already_checked_in', attendee: { checkins_used: 1, inside: true } });
    const log = await audit('disputed_only=true');
    expect(log.check_ins.map((x) => [x.verdict, x.server_verdict])).toEqual([['conflict', 'already_checked_in']]);
  });
});
