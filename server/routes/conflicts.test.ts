// The conflicts inbox over HTTP on a real database: cases with both scans in scan-time order,
// offline refusals the server holds valid beside them, who voided and why, annotate /
// resolve / reopen stored apart from the audit, open / resolved filters, supervisors.
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../../shared/protocol/audit.ts';
import { inboxCaseSchema, inboxPageSchema, type InboxCase } from '../../shared/protocol/conflict-inbox.ts';
import type { AppEnv } from '../app-env.ts';
import { newScanId, postJson, seedEvent, signIn as phoneSignIn, type Phone, type SeededEvent } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { eventGrants } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

afterAll(closeSharedRedis);

const errorOf = async (res: Response) => ((await res.json()) as { error: { message: string; details: unknown } }).error;

const offlineScan = (code: string, entranceId: string, at: string, localVerdict: string) => ({
  scan_id: newScanId(),
  ticket_code: code,
  scanned_at: at,
  entrance_id: entranceId,
  direction: 'in',
  local_verdict: localVerdict,
  offline: true,
});

async function upload(app: Hono<AppEnv>, phone: Phone, scan: ReturnType<typeof offlineScan>) {
  const res = await postJson(app, '/api/v1/mobile/scans', phone, { sent_at: '2026-07-10T19:10:00Z', scans: [scan] });
  expect(res.status).toBe(200);
  return (await res.json()).data.results[0].verdict as string;
}

describe.each(dbKinds)('the conflicts inbox over %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: Hono<AppEnv>;
  let seed: SeededEvent;
  let other: SeededEvent;
  let admin: string;
  let supervisor: string;
  let supervisorEmail: string;
  let supervisorId: string;
  /** Door B admitted the ticket at 19:00 offline, door A at 19:01 offline; A uploaded first. */
  let first: ReturnType<typeof offlineScan>;
  let second: ReturnType<typeof offlineScan>;
  let refused: ReturnType<typeof offlineScan>;

  const inbox = async (cookie: string, query = '') =>
    inboxPageSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/conflicts${query}`)));
  const review = (cookie: string, scanId: string, body: unknown, eventId = seed.eventId) =>
    consoleRequest(app, cookie, 'POST', `/api/v1/events/${eventId}/conflicts/${scanId}/reviews`, body);
  const caseOf = (page: { cases: InboxCase[] }, scanId: string) => page.cases.find((c) => c.scan_id === scanId);

  beforeAll(async () => {
    const clock = fakeClock('2026-07-10T19:10:00Z');
    ({ app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '1000' }) }));
    seed = await seedEvent(t().database, { attendees: 10 });
    other = await seedEvent(t().database, { attendees: 2 });
    const a = await phoneSignIn(app, seed.eventId, seed.door, 'Door A');
    const b = await phoneSignIn(app, seed.eventId, seed.door, 'Door B');
    first = offlineScan(seed.codes[1], seed.main, '2026-07-10T19:00:00Z', 'accepted');
    second = offlineScan(seed.codes[1], seed.main, '2026-07-10T19:01:00Z', 'accepted');
    // The later scan arrives first: the server still puts the earlier one first.
    expect(await upload(app, a, second)).toBe('accepted');
    expect(await upload(app, b, first)).toBe('conflict');
    // Door A refused code 2 offline (it had not synced it); the holder then got in at door B.
    refused = offlineScan(seed.codes[2], seed.main, '2026-07-10T19:02:00Z', 'unknown_ticket');
    expect(await upload(app, a, refused)).toBe('unknown_ticket');
    expect(await upload(app, b, offlineScan(seed.codes[2], seed.main, '2026-07-10T19:03:00Z', 'accepted'))).toBe('accepted');

    const db = t().database;
    const adminUser = await makeUser(db, 'admin');
    const sup = await makeUser(db, 'supervisor');
    supervisorEmail = sup.email;
    supervisorId = sup.id;
    await db.db.insert(eventGrants).values({ eventId: seed.eventId, userId: sup.id });
    admin = await signIn(app, adminUser.email);
    supervisor = await signIn(app, sup.email);
  });

  it('lists a double admission with both scans in scan-time order, and a refusal valid on the server beside it', async () => {
    const page = await inbox(supervisor);
    expect(page.cases.map((c) => c.kind).sort()).toEqual(['double_admission', 'refused_offline_valid']);
    const conflict = page.cases.find((c) => c.kind === 'double_admission')!;
    expect(conflict.state).toBe('open');
    expect(conflict.ticket_code).toBe(seed.codes[1]);
    expect(conflict.attendee_name).toBe('First1 Last1');
    expect(conflict.scans.map((s) => [s.scan_id, s.scanned_at, s.device, s.entrance, s.verdict])).toEqual([
      [first.scan_id, '2026-07-10T19:00:00.000Z', 'Door B', 'Main Gate', 'conflict'],
      [second.scan_id, '2026-07-10T19:01:00.000Z', 'Door A', 'Main Gate', 'accepted'],
    ]);
    const refusal = caseOf(page, refused.scan_id)!;
    expect(refusal.kind).toBe('refused_offline_valid');
    expect(refusal.scans.map((s) => [s.device, s.verdict, s.server_verdict])).toEqual([
      ['Door A', 'unknown_ticket', 'accepted'],
      ['Door B', 'accepted', null],
    ]);
    // Another event's inbox is empty: cases never cross events.
    const elsewhere = inboxPageSchema.parse(await dataOf(await consoleRequest(app, admin, 'GET', `/api/v1/events/${other.eventId}/conflicts?state=all`)));
    expect(elsewhere.cases).toEqual([]);
  });

  it('pages by cursor', async () => {
    const one = await inbox(admin, '?limit=1');
    expect(one.cases).toHaveLength(1);
    expect(one.next_cursor).not.toBeNull();
    const two = await inbox(admin, `?limit=1&cursor=${one.next_cursor}`);
    expect(two.cases).toHaveLength(1);
    expect(two.next_cursor).toBeNull();
    expect(new Set([one.cases[0].scan_id, two.cases[0].scan_id]).size).toBe(2);
  });

  it('a granted supervisor voids with a reason; the inbox and the audit name the user and the reason', async () => {
    const res = await consoleRequest(app, supervisor, 'POST', `/api/v1/check-ins/${first.scan_id}/void`, { reason: 'Same wristband, let in twice' });
    expect(res.status).toBe(200);
    const voidRow = await dataOf(res);
    expect(voidRow.user).toEqual({ id: supervisorId, email: supervisorEmail, name: 'Test supervisor' });
    expect(voidRow.reason).toBe('Same wristband, let in twice');

    const conflict = (await inbox(supervisor)).cases.find((c) => c.kind === 'double_admission')!;
    const voided = conflict.scans.find((s) => s.scan_id === first.scan_id)!.voided;
    expect(voided).toMatchObject({ reason: 'Same wristband, let in twice', user: { email: supervisorEmail }, device: null });
    expect(conflict.scans.find((s) => s.scan_id === second.scan_id)!.voided).toBeNull();

    const audit = auditListResponseSchema.parse(await dataOf(await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/check-ins`)));
    expect(audit.check_ins.find((r) => r.scan_id === first.scan_id)!.voided_by).toMatchObject({
      reason: 'Same wristband, let in twice',
      user: { id: supervisorId, email: supervisorEmail },
    });
    expect(audit.check_ins.find((r) => r.kind === 'void')!.user?.email).toBe(supervisorEmail);
  });

  it('annotates and resolves apart from the audit; open and resolved filters follow; reopen brings it back', async () => {
    const noted = await review(supervisor, first.scan_id, { action: 'annotate', note: 'Checked the CCTV' });
    expect(noted.status).toBe(201);
    expect(inboxCaseSchema.parse(await dataOf(noted)).state).toBe('open');
    const resolved = inboxCaseSchema.parse(await dataOf(await review(supervisor, first.scan_id, { action: 'resolve', note: 'One person, scanned twice' })));
    expect(resolved.state).toBe('resolved');
    expect(resolved.reviews.map((r) => [r.action, r.note, r.user?.email])).toEqual([
      ['annotate', 'Checked the CCTV', supervisorEmail],
      ['resolve', 'One person, scanned twice', supervisorEmail],
    ]);
    expect(caseOf(await inbox(admin), first.scan_id)).toBeUndefined();
    expect(caseOf(await inbox(admin, '?state=resolved'), first.scan_id)?.state).toBe('resolved');
    expect((await inbox(admin, '?state=resolved')).cases).toHaveLength(1);
    expect((await inbox(admin, '?state=all')).cases).toHaveLength(2);

    const again = await review(admin, first.scan_id, { action: 'resolve' });
    expect(again.status).toBe(409);
    const reopened = inboxCaseSchema.parse(await dataOf(await review(admin, first.scan_id, { action: 'reopen' })));
    expect(reopened.state).toBe('open');
    expect(caseOf(await inbox(admin), first.scan_id)?.state).toBe('open');
    expect((await review(admin, first.scan_id, { action: 'reopen' })).status).toBe(409);
    // The audit rows themselves are as they were.
    const audit = auditListResponseSchema.parse(await dataOf(await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/check-ins`)));
    expect(audit.check_ins.find((r) => r.scan_id === first.scan_id)).toMatchObject({ verdict: 'conflict', message: expect.any(String) });
  });

  it('the database refuses to change or delete a review', async () => {
    const db = t().database.db;
    await expect(db.execute(sql`update conflict_reviews set note = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from conflict_reviews`)).rejects.toThrow();
  });

  it('a supervisor may not change anything else, nor review an event not granted', async () => {
    const patch = await consoleRequest(app, supervisor, 'PATCH', `/api/v1/events/${seed.eventId}`, { location: 'Elsewhere' });
    expect(patch.status).toBe(403);
    expect((await errorOf(patch)).message).toBe('Supervisors may look but not change events');
    expect((await consoleRequest(app, supervisor, 'POST', `/api/v1/events/${seed.eventId}/entrances`, { name: 'Side' })).status).toBe(403);
    expect((await consoleRequest(app, supervisor, 'GET', `/api/v1/events/${other.eventId}/conflicts`)).status).toBe(403);
    expect((await review(supervisor, refused.scan_id, { action: 'annotate', note: 'x' }, other.eventId)).status).toBe(403);
    const c = await phoneSignIn(app, other.eventId, other.door, 'Door C');
    const elsewhere = offlineScan(other.codes[0], other.main, '2026-07-10T19:00:00Z', 'accepted');
    expect(await upload(app, c, elsewhere)).toBe('accepted');
    expect((await consoleRequest(app, supervisor, 'POST', `/api/v1/check-ins/${elsewhere.scan_id}/void`, { reason: 'x' })).status).toBe(403);
  });

  it('bad input gets a 4xx naming the field, and writes nothing', async () => {
    const before = (await inbox(admin, '?state=all')).cases.flatMap((c) => c.reviews).length;
    const cases: Array<[unknown, string]> = [
      [{ action: 'annotate', note: '' }, 'note'],
      [{ action: 'annotate' }, 'note'],
      [{ action: 'close' }, 'action'],
      [{ action: 'resolve', note: 'x'.repeat(2001) }, 'note'],
    ];
    for (const [body, field] of cases) {
      const res = await review(admin, refused.scan_id, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify((await errorOf(res)).details)).toContain(field);
    }
    const badId = await review(admin, 'not-a-uuid', { action: 'resolve' });
    expect(badId.status).toBe(400);
    expect(JSON.stringify((await errorOf(badId)).details)).toContain('scan_id');
    expect((await review(admin, newScanId(), { action: 'resolve' })).status).toBe(404);
    // An accepted scan is no case.
    expect((await review(admin, second.scan_id, { action: 'resolve' })).status).toBe(404);
    for (const [query, field] of [
      ['?state=closed', 'state'],
      ['?limit=0', 'limit'],
      ['?cursor=abc', 'cursor'],
    ]) {
      const res = await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/conflicts${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify((await errorOf(res)).details)).toContain(field);
    }
    expect((await inbox(admin, '?state=all')).cases.flatMap((c) => c.reviews)).toHaveLength(before);
  });
});
