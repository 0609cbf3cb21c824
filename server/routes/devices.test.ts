import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceBoardRow } from '../../shared/protocol/devices.ts';
import { DEVICE_REPORT_HEADERS as H } from '../../shared/protocol/headers.ts';
import { newScanId, offlineScan, seedEvent, signIn, type Phone } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { adminAudit, devices, eventGrants, events } from '../db/schema.ts';
import { consoleRequest, dataOf, deviceBoard, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { until } from '../test/until.ts';

const report = (r: Partial<Record<keyof typeof H, string>>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [H[k as keyof typeof H], v]));

describe.each(dbKinds)('devices board over %s', (kind) => {
  const t = useTestDatabase(kind);
  const clock = fakeClock('2026-07-10T18:00:00Z');
  let app: ReturnType<typeof makeTestApp>['app'];
  let admin: string;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database, { clock }));
    admin = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
  });

  const phoneGet = (phone: Phone, path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { ...phone.auth, ...headers } });
  const phonePost = (phone: Phone, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { ...phone.auth, ...headers }, body: JSON.stringify(body) });
  const sync = (phone: Phone, headers: Record<string, string> = {}) => phoneGet(phone, '/api/v1/mobile/attendees?limit=5&since=1.0', headers);
  const board = (eventId: string, cookie = admin) => deviceBoard(app, cookie, eventId);
  const rowOf = async (eventId: string, deviceId: string): Promise<DeviceBoardRow> => (await board(eventId)).devices.find((d) => d.id === deviceId)!;

  it('lists every phone with its gate and what it reported on sync and upload; bad headers are ignored, never a 500', async () => {
    clock.set('2026-07-10T18:00:00Z');
    const seed = await seedEvent(t().database);
    const vip = await signIn(app, seed.eventId, seed.vipDoor, 'VIP phone');
    const front = await signIn(app, seed.eventId, seed.door);

    const before = await rowOf(seed.eventId, vip.deviceId);
    expect(before).toMatchObject({
      name: 'VIP phone',
      credential_label: 'VIP door',
      entrance_name: 'VIP Gate',
      outbox: null,
      app_version: null,
      storage: null,
      status: 'online',
    });

    clock.set('2026-07-10T18:00:10Z');
    const synced = await sync(vip, report({ outbox: '3', appVersion: '0.1.0+abc12345', storage: 'persisted', clockSkew: '-900000' }));
    expect(synced.status).toBe(200);
    expect(await rowOf(seed.eventId, vip.deviceId)).toMatchObject({
      outbox: 3,
      app_version: '0.1.0+abc12345',
      storage: 'persisted',
      clock_skew_ms: -900_000,
      last_sync_at: '2026-07-10T18:00:10.000Z',
      last_seen_at: '2026-07-10T18:00:10.000Z',
      last_upload_at: null,
      status: 'online',
      stale: false,
    });

    // The upload's outbox header counts its own scans: answered, they have left the phone.
    clock.set('2026-07-10T18:00:20Z');
    const body = {
      sent_at: '2026-07-10T18:00:20Z',
      scans: [offlineScan(seed.codes[0], '2026-07-10T18:00:05Z'), offlineScan(seed.codes[1], '2026-07-10T18:00:06Z')],
    };
    expect((await phonePost(vip, '/api/v1/mobile/scans', body, report({ outbox: '3' }))).status).toBe(200);
    const uploaded = await rowOf(seed.eventId, vip.deviceId);
    expect(uploaded).toMatchObject({ outbox: 1, last_upload_at: '2026-07-10T18:00:20.000Z', last_sync_at: '2026-07-10T18:00:10.000Z' });
    // (An upload measures the skew itself from its times, when its headers do not say it.)

    clock.set('2026-07-10T18:00:30Z');
    const bad = report({ outbox: '-1', appVersion: '<script>', storage: 'yes', clockSkew: '12abc' });
    expect((await sync(vip, bad)).status).toBe(200);
    expect((await sync(vip, report({ outbox: '1e9', clockSkew: String(10 ** 12) }))).status).toBe(200);
    expect(await rowOf(seed.eventId, vip.deviceId)).toMatchObject({
      outbox: 1,
      app_version: '0.1.0+abc12345',
      storage: 'persisted',
      clock_skew_ms: uploaded.clock_skew_ms,
      last_sync_at: '2026-07-10T18:00:30.000Z',
    });
    // One bad header does not spoil the good ones beside it.
    expect((await sync(vip, report({ outbox: 'many', storage: 'best_effort' }))).status).toBe(200);
    expect(await rowOf(seed.eventId, vip.deviceId)).toMatchObject({ outbox: 1, storage: 'best_effort' });

    // Not seen for 2 min: offline. Not seen for 10 min with scans waiting: marked; without, not.
    clock.set('2026-07-10T18:03:00Z');
    expect(await rowOf(seed.eventId, vip.deviceId)).toMatchObject({ status: 'offline', stale: false });
    clock.set('2026-07-10T18:10:31Z');
    const late = await board(seed.eventId);
    expect(late.server_time).toBe('2026-07-10T18:10:31.000Z');
    expect(late.devices.find((d) => d.id === vip.deviceId)).toMatchObject({ status: 'offline', stale: true });
    expect(late.devices.find((d) => d.id === front.deviceId)).toMatchObject({ status: 'offline', stale: false, outbox: null });
  });

  it('an online scan reports too, but writes the device row at most every few seconds', async () => {
    clock.set('2026-07-10T19:00:00Z');
    const seed = await seedEvent(t().database);
    const phone = await signIn(app, seed.eventId, seed.door, 'Scanning only');
    const scan = (code: string, outbox: string) =>
      phonePost(phone, '/api/v1/check-in', { scan_id: newScanId(), ticket_code: code }, report({ outbox, appVersion: '2.0.0' }));

    clock.set('2026-07-10T19:00:30Z');
    expect((await scan(seed.codes[0], '0')).status).toBe(200);
    const first = await until(
      () => rowOf(seed.eventId, phone.deviceId),
      (r) => r.app_version === '2.0.0',
    );
    expect(first).toMatchObject({ outbox: 0, last_seen_at: '2026-07-10T19:00:30.000Z', last_sync_at: null });

    // 2 s later, a changed report: not written yet (the scan path stays one transaction).
    clock.set('2026-07-10T19:00:32Z');
    expect((await scan(seed.codes[1], '4')).status).toBe(200);
    clock.set('2026-07-10T19:00:36Z');
    expect((await scan(seed.codes[2], '5')).status).toBe(200);
    const later = await until(
      () => rowOf(seed.eventId, phone.deviceId),
      (r) => r.outbox !== 0,
    );
    expect(later).toMatchObject({ outbox: 5, last_seen_at: '2026-07-10T19:00:36.000Z' });
  });

  it("revoking a phone refuses its next request on every route at once; the credential's other phones go on", async () => {
    clock.set('2026-07-10T20:00:00Z');
    const seed = await seedEvent(t().database);
    const lost = await signIn(app, seed.eventId, seed.door, 'Lost phone');
    const other = await signIn(app, seed.eventId, seed.door, 'Other phone');
    expect((await sync(lost)).status).toBe(200);

    const organiser = await makeUser(t().database, 'organiser');
    await t().database.db.update(events).set({ ownerId: organiser.id }).where(eq(events.id, seed.eventId));
    const cookie = await consoleSignIn(app, organiser.email);
    const revoked = await dataOf<DeviceBoardRow>(await consoleRequest(app, cookie, 'POST', `/api/v1/events/${seed.eventId}/devices/${lost.deviceId}/revoke`));
    expect(revoked).toMatchObject({ id: lost.deviceId, status: 'revoked', revoked_at: '2026-07-10T20:00:00.000Z' });

    expect((await sync(lost)).status).toBe(401);
    expect((await phonePost(lost, '/api/v1/check-in', { scan_id: newScanId(), ticket_code: seed.codes[3] })).status).toBe(401);
    const upload = { sent_at: '2026-07-10T20:00:00Z', scans: [offlineScan(seed.codes[4], '2026-07-10T19:59:00Z')] };
    expect((await phonePost(lost, '/api/v1/mobile/scans', upload)).status).toBe(401);
    expect((await phoneGet(lost, '/api/v1/mobile/conflicts?since=0')).status).toBe(401);
    expect((await sync(other)).status).toBe(200);
    expect((await phonePost(other, '/api/v1/check-in', { scan_id: newScanId(), ticket_code: seed.codes[3] })).status).toBe(200);

    clock.set('2026-07-10T20:05:00Z');
    const again = await dataOf<DeviceBoardRow>(await consoleRequest(app, cookie, 'POST', `/api/v1/events/${seed.eventId}/devices/${lost.deviceId}/revoke`));
    expect(again.revoked_at).toBe('2026-07-10T20:00:00.000Z');
    const audit = await t().database.db.select().from(adminAudit).where(eq(adminAudit.targetId, lost.deviceId));
    expect(audit.map((a) => [a.action, a.userId])).toEqual([['device.revoke', organiser.id]]);
    // The board lists the revoked phone last (the other phone, quiet for 5 min, is offline but not revoked).
    expect((await board(seed.eventId)).devices.map((d) => [d.name, d.status])).toEqual([
      ['Other phone', 'offline'],
      ['Lost phone', 'revoked'],
    ]);
    // A new sign-in with the credential is a new device, not the revoked one.
    const back = await signIn(app, seed.eventId, seed.door, 'Lost phone');
    expect(back.deviceId).not.toBe(lost.deviceId);
    expect((await sync(back)).status).toBe(200);
  });

  it('answers 404 for a device of another event or not a UUID; supervisors may look but not revoke; outsiders get 403', async () => {
    const seed = await seedEvent(t().database);
    const elsewhere = await seedEvent(t().database);
    const phone = await signIn(app, seed.eventId, seed.door);
    const foreign = await signIn(app, elsewhere.eventId, elsewhere.door);
    const revoke = (cookie: string, eventId: string, deviceId: string) =>
      consoleRequest(app, cookie, 'POST', `/api/v1/events/${eventId}/devices/${deviceId}/revoke`);
    expect((await revoke(admin, seed.eventId, foreign.deviceId)).status).toBe(404);
    expect((await revoke(admin, seed.eventId, 'not-a-uuid')).status).toBe(404);
    expect((await sync(foreign)).status).toBe(200);

    const supervisor = await makeUser(t().database, 'supervisor');
    await t().database.db.insert(eventGrants).values({ eventId: seed.eventId, userId: supervisor.id });
    const supervisorCookie = await consoleSignIn(app, supervisor.email);
    expect((await board(seed.eventId, supervisorCookie)).devices.map((d) => d.id)).toEqual([phone.deviceId]);
    const refused = await revoke(supervisorCookie, seed.eventId, phone.deviceId);
    expect(refused.status).toBe(403);
    const outsider = await consoleSignIn(app, (await makeUser(t().database, 'organiser')).email);
    expect((await consoleRequest(app, outsider, 'GET', `/api/v1/events/${seed.eventId}/devices`)).status).toBe(403);
    expect((await revoke(outsider, seed.eventId, phone.deviceId)).status).toBe(403);
    const [row] = await t().database.db.select().from(devices).where(eq(devices.id, phone.deviceId));
    expect(row.revokedAt).toBeNull();
  });
});
