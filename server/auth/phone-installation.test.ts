// One row per phone installation: signing in again with the same installation id reuses the
// event's device row (name, credential, entrance updated), lifts a revocation only for a valid
// sign-in, and leaves every earlier token of that row dead.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mobileLoginResponseSchema } from '../../shared/protocol/login.ts';
import { newScanId, offlineScan, postJson, seedEvent, signIn, type Phone } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { checkIns, devices } from '../db/schema.ts';
import { consoleRequest, deviceBoard, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

describe.each(dbKinds)('a phone installation signing in again over %s', (kind) => {
  const t = useTestDatabase(kind);
  const clock = fakeClock('2026-07-10T18:00:00Z');
  let app: ReturnType<typeof makeTestApp>['app'];
  let admin: string;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database, { clock }));
    admin = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
  });

  const sync = (phone: Phone) => app.request('/api/v1/mobile/attendees?limit=5', { headers: phone.auth });
  const upload = (phone: Phone, code: string) =>
    postJson(app, '/api/v1/mobile/scans', phone, { sent_at: clock.now().toISOString(), scans: [offlineScan(code, '2026-07-10T17:59:00Z')] });
  const board = async (eventId: string) => (await deviceBoard(app, admin, eventId)).devices;
  const rowsOf = (eventId: string) => t().database.db.select().from(devices).where(eq(devices.eventId, eventId));

  it('reuses its row with the new name, credential and gate; scans keep the device; the old token is dead', async () => {
    const seed = await seedEvent(t().database);
    const installation = randomUUID();
    const first = await signIn(app, seed.eventId, seed.door, 'Front phone', installation);
    expect((await upload(first, seed.codes[0])).status).toBe(200);

    clock.set('2026-07-10T18:05:00Z');
    const second = await signIn(app, seed.eventId, seed.vipDoor, 'VIP phone', installation);
    expect(second.deviceId).toBe(first.deviceId);
    const rows = await rowsOf(seed.eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      installationId: installation,
      name: 'VIP phone',
      credentialId: seed.credentialIds.vipDoor,
      entranceId: seed.vipGate,
      sessionGeneration: 1,
    });
    expect((await sync(second)).status).toBe(200);
    expect((await sync(first)).status).toBe(401);
    expect((await upload(first, seed.codes[1])).status).toBe(401);
    expect((await upload(second, seed.codes[2])).status).toBe(200);
    const scans = await t().database.db.select({ deviceId: checkIns.deviceId }).from(checkIns).where(eq(checkIns.eventId, seed.eventId));
    expect(scans.map((s) => s.deviceId)).toEqual([first.deviceId, first.deviceId]);
    expect((await board(seed.eventId)).map((d) => [d.name, d.entrance_name])).toEqual([['VIP phone', 'VIP Gate']]);
  });

  it('older phones (no installation id) get a new row per sign-in; the same installation in another event is another row', async () => {
    const seed = await seedEvent(t().database);
    const other = await seedEvent(t().database);
    const a = await signIn(app, seed.eventId, seed.door);
    const b = await signIn(app, seed.eventId, seed.door);
    expect(a.deviceId).not.toBe(b.deviceId);
    expect((await sync(a)).status).toBe(200);
    expect((await sync(b)).status).toBe(200);

    const installation = randomUUID();
    const here = await signIn(app, seed.eventId, seed.door, undefined, installation);
    const there = await signIn(app, other.eventId, other.door, undefined, installation);
    expect(here.deviceId).not.toBe(there.deviceId);
    expect(await rowsOf(seed.eventId)).toHaveLength(3);
    expect((await sync(here)).status).toBe(200);
    expect((await sync(there)).status).toBe(200);
  });

  it('a revoked phone is let back in by a valid credential, not by a bad one; the revoked token stays refused', async () => {
    clock.set('2026-07-10T20:00:00Z');
    const seed = await seedEvent(t().database);
    const installation = randomUUID();
    const lost = await signIn(app, seed.eventId, seed.door, 'Gate 2', installation);
    const revoke = await consoleRequest(app, admin, 'POST', `/api/v1/events/${seed.eventId}/devices/${lost.deviceId}/revoke`);
    expect(revoke.status).toBe(200);
    expect((await sync(lost)).status).toBe(401);

    const wrong = await postJson(app, '/api/v1/mobile/login', null, { event_id: seed.eventId, credential: 'AAAAA-BBBBB-CCCCC', installation_id: installation });
    expect(wrong.status).toBe(401);
    expect((await rowsOf(seed.eventId))[0].revokedAt?.toISOString()).toBe('2026-07-10T20:00:00.000Z');

    clock.set('2026-07-10T20:10:00Z');
    const back = await signIn(app, seed.eventId, seed.supervisor, 'Gate 2', installation);
    expect(back.deviceId).toBe(lost.deviceId);
    expect((await sync(back)).status).toBe(200);
    expect((await upload(back, seed.codes[3])).status).toBe(200);
    // The token revoked from the board is refused on every path, the check-in path included.
    expect((await sync(lost)).status).toBe(401);
    expect((await upload(lost, seed.codes[4])).status).toBe(401);
    expect((await postJson(app, '/api/v1/check-in', lost, { scan_id: newScanId(), ticket_code: seed.codes[4] })).status).toBe(401);
    expect((await board(seed.eventId)).map((d) => [d.id, d.status, d.revoked_at])).toEqual([[lost.deviceId, 'online', null]]);
  });

  it('an installation id that is not a UUID is a 400 naming the field', async () => {
    const seed = await seedEvent(t().database);
    for (const installation_id of ['phone-1', 42, '']) {
      const res = await postJson(app, '/api/v1/mobile/login', null, { event_id: seed.eventId, credential: seed.door, installation_id });
      expect(res.status).toBe(400);
      expect(JSON.stringify((await res.json()).error)).toContain('installation_id');
    }
    expect(await rowsOf(seed.eventId)).toHaveLength(0);
  });

  it('sign-ins racing with the same installation id all succeed on one row, and only the latest token lives', async () => {
    const seed = await seedEvent(t().database);
    const installation = randomUUID();
    const body = { event_id: seed.eventId, credential: seed.door, installation_id: installation };
    const answers = await Promise.all(Array.from({ length: 8 }, () => postJson(app, '/api/v1/mobile/login', null, body)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    const logins = await Promise.all(answers.map(async (r) => mobileLoginResponseSchema.parse((await r.json()).data)));
    const rows = await rowsOf(seed.eventId);
    expect(rows).toHaveLength(1);
    expect(new Set(logins.map((l) => l.device_id))).toEqual(new Set([rows[0].id]));
    expect(rows[0].sessionGeneration).toBe(7);
    const statuses = await Promise.all(
      logins.map(async (l) => (await sync({ token: l.token, deviceId: l.device_id, auth: { authorization: `Bearer ${l.token}` } })).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });
});
